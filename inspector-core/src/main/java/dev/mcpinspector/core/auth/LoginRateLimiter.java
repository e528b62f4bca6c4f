package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.time.Ticker;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per client address: after {@code maxFailures} failures within a window that
 * starts at the first failure, every credential-bearing request from that address is refused with
 * {@code 429 rate_limited} and {@code Retry-After} until the window ends, even with a correct
 * credential (otherwise the answer would tell a guesser when they are right). IPv6 clients count
 * per /64, since one host usually owns a whole /64.
 *
 * <p>Memory is bounded: at most {@code maxClients} addresses are tracked; when full, finished
 * windows are dropped (at most once a second), then arbitrary entries. An attacker with more
 * addresses than that can evade the limit, but never exhaust memory. Thread-safe.
 */
public final class LoginRateLimiter {

  private static final long CLEANUP_INTERVAL = 1_000_000_000L;

  private static final class Window {
    long start;
    int failures;
  }

  private final int maxFailures;
  private final long windowNanos;
  private final int maxClients;
  private final Ticker ticker;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private volatile long lastCleanup;

  private LoginRateLimiter(int maxFailures, Duration window, int maxClients, Ticker ticker) {
    this.maxFailures = maxFailures;
    this.windowNanos = window.toNanos();
    this.maxClients = maxClients;
    this.ticker = ticker;
    this.lastCleanup = ticker.read() - CLEANUP_INTERVAL;
  }

  /**
   * Creates a limiter.
   *
   * @param maxFailures failures allowed per window, at least 1
   * @param window the window length, at least one second
   * @param maxClients the most addresses tracked at once, at least 1
   * @param ticker the time source
   * @return the limiter
   * @throws IllegalArgumentException naming the bad argument and its value
   */
  public static LoginRateLimiter create(
      int maxFailures, Duration window, int maxClients, Ticker ticker) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1, but was " + maxFailures);
    }
    Objects.requireNonNull(window, "window must not be null");
    if (window.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("window must be at least 1 second, but was " + window);
    }
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be at least 1, but was " + maxClients);
    }
    return new LoginRateLimiter(maxFailures, window, maxClients, Objects.requireNonNull(ticker));
  }

  /**
   * Refuses a client that has used up its failures.
   *
   * @param clientAddress the effective client address
   * @throws ProblemException {@code 429 rate_limited} with {@code Retry-After} in seconds
   */
  public void checkAllowed(String clientAddress) {
    Window w = windows.get(key(clientAddress));
    if (w == null) {
      return;
    }
    long now = ticker.read();
    long retryNanos;
    synchronized (w) {
      if (w.failures < maxFailures || now - w.start >= windowNanos) {
        return;
      }
      retryNanos = w.start + windowNanos - now;
    }
    long seconds = Math.max(1, (retryNanos + 999_999_999L) / 1_000_000_000L);
    throw new ProblemException(
        ProblemCode.RATE_LIMITED,
        "too many failed logins from this address; retry in " + seconds + " s",
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * Counts a failed login.
   *
   * @param clientAddress the effective client address
   */
  public void recordFailure(String clientAddress) {
    String key = key(clientAddress);
    long now = ticker.read();
    Window w = windows.get(key);
    if (w == null) {
      if (windows.size() >= maxClients) {
        makeRoom(now);
      }
      w =
          windows.computeIfAbsent(
              key,
              k -> {
                Window fresh = new Window();
                fresh.start = now;
                return fresh;
              });
    }
    synchronized (w) {
      if (now - w.start >= windowNanos) {
        w.start = now;
        w.failures = 0;
      }
      w.failures++;
    }
  }

  private void makeRoom(long now) {
    if (now - lastCleanup >= CLEANUP_INTERVAL) {
      lastCleanup = now;
      windows
          .values()
          .removeIf(
              w -> {
                synchronized (w) {
                  return now - w.start >= windowNanos;
                }
              });
    }
    Iterator<String> it = windows.keySet().iterator();
    while (windows.size() >= maxClients && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /**
   * The number of addresses currently tracked.
   *
   * @return the count, at most {@code maxClients}
   */
  public int trackedClients() {
    return windows.size();
  }

  static String key(String address) {
    if (address == null) {
      return "";
    }
    if (address.indexOf(':') >= 0) {
      try {
        String literal = address.startsWith("[") ? address : "[" + address + "]";
        InetAddress a = InetAddress.getByName(literal);
        if (a instanceof Inet6Address) {
          byte[] b = a.getAddress();
          for (int i = 8; i < 16; i++) {
            b[i] = 0;
          }
          return InetAddress.getByAddress(b).getHostAddress() + "/64";
        }
        return a.getHostAddress();
      } catch (UnknownHostException e) {
        return address;
      }
    }
    return address;
  }
}
