package dev.mcpinspector.core.ratelimit;

import dev.mcpinspector.core.time.Ticker;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

final class TokenBucketLimiter implements RateLimiter {

  private final RateLimit limit;
  private final int maxKeys;
  private final Ticker ticker;
  private final long capacity;
  private final double tokensPerNano;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongAdder allowed = new LongAdder();
  private final LongAdder refused = new LongAdder();

  TokenBucketLimiter(RateLimit limit, int maxKeys, Ticker ticker) {
    this.limit = limit;
    this.maxKeys = maxKeys;
    this.ticker = ticker;
    this.capacity = limit.permits();
    this.tokensPerNano = (double) limit.permits() / limit.period().toNanos();
  }

  @Override
  public Decision tryAcquire(String key) {
    Objects.requireNonNull(key, "key must not be null");
    if (limit.isUnlimited()) {
      allowed.increment();
      return Decision.ALLOWED;
    }
    long now = ticker.read();
    Bucket b = buckets.get(key);
    if (b == null) {
      if (buckets.size() >= maxKeys) {
        trim(now);
      }
      b = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
    }
    long wait;
    synchronized (b) {
      b.refill(now, capacity, tokensPerNano);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        wait = 0;
      } else {
        wait = (long) Math.ceil((1 - b.tokens) / tokensPerNano);
      }
    }
    if (wait == 0) {
      allowed.increment();
      return Decision.ALLOWED;
    }
    refused.increment();
    return new Decision(false, Math.max(1, wait));
  }

  /** Drops buckets that are full again; if none is, drops any, so the map stays bounded. */
  private void trim(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket b = it.next();
      synchronized (b) {
        b.refill(now, capacity, tokensPerNano);
        if (b.tokens >= capacity) {
          it.remove();
        }
      }
    }
    Iterator<String> keys = buckets.keySet().iterator();
    while (buckets.size() >= maxKeys && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }

  @Override
  public RateLimit limit() {
    return limit;
  }

  @Override
  public RateLimiterStats stats() {
    return new RateLimiterStats(limit.toString(), buckets.size(), allowed.sum(), refused.sum());
  }

  @Override
  public String toString() {
    return "RateLimiter[" + limit + ", keys=" + buckets.size() + "]";
  }

  private static final class Bucket {
    double tokens;
    long last;

    Bucket(long capacity, long now) {
      this.tokens = capacity;
      this.last = now;
    }

    void refill(long now, long capacity, double perNano) {
      long elapsed = now - last;
      if (elapsed > 0) {
        tokens = Math.min(capacity, tokens + elapsed * perNano);
        last = now;
      }
    }
  }
}
