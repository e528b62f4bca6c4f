package dev.mcpinspector.benchmarks.load;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The SSE load driver. It starts an embedded Jetty (thread pool capped at {@code --threads}) with
 * the inspector in hosted mode on 127.0.0.1, logs in one user per stream ({@code GET /api/session},
 * {@code POST /api/login} with a generated access key), opens one {@code GET
 * /api/rpc/stream?replay=false} per session with the JDK HttpClient, publishes {@code --rate}
 * events per second in total through {@code inspector.rpcLog()} (round robin over the sessions;
 * each message carries its publish {@code System.nanoTime()}), and after {@code --duration} seconds
 * reports the publish-to-client latency (p50/p90/p99/max, HdrHistogram, after a warm-up that is not
 * recorded), events published, received and lost (gap markers), the server's threads (Jetty pool
 * plus the inspector's scheduler, which runs the SSE writes) and heap after GC before and after.
 * Everything runs in one JVM on loopback; it ends by itself.
 *
 * <p>Build: {@code mvn -B -ntp -q package -pl inspector-benchmarks -am -DskipTests}
 *
 * <p>Run (the target: 1,000 streams, 10,000 events/s, p99 &lt; 100 ms, 0 lost, at most 64 server
 * threads): {@code java -Xmx1g -cp inspector-benchmarks/target/benchmarks.jar
 * dev.mcpinspector.benchmarks.load.LoadDriver --streams 1000 --rate 10000 --duration 30}
 *
 * <p>Ramp (doubles the streams from {@code --streams}, {@code --rate-per-stream} events/s each,
 * {@code --duration} seconds per step, until a step misses the target or {@code --max-streams} or
 * the file-descriptor limit is reached): {@code java -Xmx2g -cp
 * inspector-benchmarks/target/benchmarks.jar dev.mcpinspector.benchmarks.load.LoadDriver --ramp
 * --streams 1000 --max-streams 8000 --rate-per-stream 10 --duration 20}
 *
 * <p>Other options: {@code --threads} (Jetty pool maximum, default 32), {@code --warmup} seconds
 * not recorded (default 5), {@code --p99-ms} the latency limit (default 100). The exit status is 0
 * when the run (or the ramp's first step) met the target: every stream opened, nothing lost, p99
 * under the limit.
 *
 * <p>Client side: every stream holds its own HTTP/1.1 connection of one {@link HttpClient}
 * (executor: 4 threads). {@code jdk.httpclient.connectionPoolSize} bounds only idle pooled
 * connections and is unlimited by default, so it needs no raising; the file-descriptor limit
 * ({@code ulimit -n}) does: both ends of every connection are in this JVM, so the ramp stops before
 * {@code 2 x streams} descriptors would pass it.
 */
public final class LoadDriver {

  private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");
  private static final int LOGIN_CONCURRENCY = 32;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

  private LoadDriver() {}

  /** The command line. */
  record Options(
      int streams,
      int rate,
      int durationSeconds,
      int warmupSeconds,
      int threads,
      boolean ramp,
      int maxStreams,
      int ratePerStream,
      double p99LimitMs) {

    static Options parse(String[] args) {
      int streams = 1000;
      int rate = 10_000;
      int duration = 30;
      int warmup = 5;
      int threads = 32;
      boolean ramp = false;
      int maxStreams = 8000;
      int ratePerStream = 10;
      double p99 = 100;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--ramp")) {
          ramp = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        String v = args[++i];
        switch (a) {
          case "--streams" -> streams = positive(a, v);
          case "--rate" -> rate = positive(a, v);
          case "--duration" -> duration = positive(a, v);
          case "--warmup" -> warmup = Integer.parseInt(v);
          case "--threads" -> threads = positive(a, v);
          case "--max-streams" -> maxStreams = positive(a, v);
          case "--rate-per-stream" -> ratePerStream = positive(a, v);
          case "--p99-ms" -> p99 = Double.parseDouble(v);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + a
                      + "; known: --streams --rate --duration --warmup"
                      + " --threads --ramp --max-streams --rate-per-stream --p99-ms");
        }
      }
      if (rate > 1_000_000) {
        throw new IllegalArgumentException("--rate must be at most 1000000, but was " + rate);
      }
      if (warmup < 0 || warmup >= duration) {
        throw new IllegalArgumentException(
            "--warmup must be at least 0 and less than --duration ("
                + duration
                + "), but was "
                + warmup);
      }
      return new Options(
          streams, rate, duration, warmup, threads, ramp, maxStreams, ratePerStream, p99);
    }

    private static int positive(String name, String value) {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, but was " + value);
      }
      return n;
    }
  }

  /** What one run measured. */
  record Result(
      int streams,
      int opened,
      int targetRate,
      double achievedRate,
      long published,
      long received,
      long lost,
      long gaps,
      long missing,
      Histogram latency,
      int peakJettyThreads,
      int jettyMaxThreads,
      int schedulerThreads,
      int peakJvmThreads,
      long heapBeforeMb,
      long heapWithStreamsMb,
      long heapAfterMb,
      long streamsEndedEarly) {

    double ms(double percentile) {
      return latency.getValueAtPercentile(percentile) / 1e6;
    }

    boolean meets(double p99LimitMs) {
      return opened == streams && lost == 0 && missing == 0 && ms(99) < p99LimitMs;
    }

    void print() {
      System.out.printf(
          Locale.ROOT,
          "streams %d (opened %d), rate %d/s target, %.0f/s achieved%n",
          streams,
          opened,
          targetRate,
          achievedRate);
      System.out.printf(
          Locale.ROOT,
          "latency ms (publish -> client, %d samples): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
          latency.getTotalCount(),
          ms(50),
          ms(90),
          ms(99),
          latency.getMaxValue() / 1e6);
      System.out.printf(
          Locale.ROOT,
          "events: published %d, received %d, lost in gaps %d (%d gap markers), missing %d%n",
          published,
          received,
          lost,
          gaps,
          missing);
      System.out.printf(
          Locale.ROOT,
          "server threads: jetty pool peak %d (max %d) + inspector scheduler %d; JVM peak %d"
              + " (includes the client)%n",
          peakJettyThreads,
          jettyMaxThreads,
          schedulerThreads,
          peakJvmThreads);
      System.out.printf(
          Locale.ROOT,
          "heap after GC: before %d MB, with streams open %d MB, after closing %d MB;"
              + " streams ended early %d%n",
          heapBeforeMb,
          heapWithStreamsMb,
          heapAfterMb,
          streamsEndedEarly);
    }
  }

  /**
   * Runs the driver.
   *
   * @param args the options described in the class documentation
   * @throws Exception if the server cannot start or the run fails
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    int status;
    if (options.ramp()) {
      status = ramp(options);
    } else {
      Result r = run(options.streams(), options.rate(), options);
      r.print();
      status = r.meets(options.p99LimitMs()) ? 0 : 1;
    }
    System.exit(status);
  }

  private static int ramp(Options options) throws Exception {
    long fdLimit = fileDescriptorLimit();
    List<Result> results = new ArrayList<>();
    for (int n = options.streams(); n <= options.maxStreams(); n *= 2) {
      // Both ends of every connection live in this JVM: two descriptors per stream.
      if (fdLimit > 0 && 2L * n + 512 > fdLimit) {
        System.out.printf(
            "stopping before %d streams: the file-descriptor limit is %d%n", n, fdLimit);
        break;
      }
      System.out.printf("%n== %d streams, %d events/s ==%n", n, n * options.ratePerStream());
      Result r;
      try {
        r = run(n, n * options.ratePerStream(), options);
      } catch (Exception | OutOfMemoryError e) {
        System.out.printf("broke at %d streams: %s%n", n, e);
        break;
      }
      r.print();
      results.add(r);
      if (!r.meets(options.p99LimitMs())) {
        System.out.printf("missed the target at %d streams%n", n);
        break;
      }
    }
    System.out.printf(
        "%n| streams | events/s | p50 ms | p99 ms | max ms | lost | jetty threads | heap MB |%n");
    System.out.printf("| --- | --- | --- | --- | --- | --- | --- | --- |%n");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %d | %.0f | %.2f | %.2f | %.2f | %d | %d | %d |%n",
          r.streams(),
          r.achievedRate(),
          r.ms(50),
          r.ms(99),
          r.latency().getMaxValue() / 1e6,
          r.lost() + r.missing(),
          r.peakJettyThreads(),
          r.heapWithStreamsMb());
    }
    return results.isEmpty() ? 1 : 0;
  }

  static Result run(int streams, int rate, Options options) throws Exception {
    AtomicInteger clientThreads = new AtomicInteger();
    ExecutorService clientExecutor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "load-client-" + clientThreads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(clientExecutor)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    StreamClient.Totals totals = new StreamClient.Totals();
    List<StreamClient> clients = new ArrayList<>(streams);
    try (LoadServer server = new LoadServer(streams, options.threads())) {
      long heapBefore = heapAfterGcMb();
      int opened = openStreams(http, server, streams, totals, clients);
      SessionId[] scopes = new SessionId[opened];
      for (int i = 0; i < opened; i++) {
        scopes[i] = server.scopes.get("u" + i);
      }
      var threads = ManagementFactory.getThreadMXBean();
      threads.resetPeakThreadCount();
      int peakJetty = server.jettyThreads();

      long intervalNanos = 1_000_000_000L / rate;
      long start = System.nanoTime();
      long warmupEnd = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
      long end = start + TimeUnit.SECONDS.toNanos(options.durationSeconds());
      boolean warm = options.warmupSeconds() == 0;
      long published = 0;
      long next = start;
      int target = 0;
      StringBuilder message = new StringBuilder(96);
      while (true) {
        long now = System.nanoTime();
        if (now >= end) {
          break;
        }
        if (!warm && now >= warmupEnd) {
          totals.latency.reset();
          warm = true;
        }
        // Publish everything that is due, then park until the next slot (at most 1 ms).
        while (next <= now && next < end && scopes.length > 0) {
          message.setLength(0);
          message
              .append(
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"i\":")
              .append(published)
              .append(",\"t\":")
              .append(System.nanoTime())
              .append("}}");
          server
              .inspector
              .rpcLog()
              .publish(scopes[target], "load", Direction.RECEIVE, message.toString());
          published++;
          target = target + 1 == scopes.length ? 0 : target + 1;
          next += intervalNanos;
        }
        peakJetty = Math.max(peakJetty, server.jettyThreads());
        LockSupport.parkNanos(Math.min(Math.max(next - System.nanoTime(), 10_000), 1_000_000));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // Let the streams drain: wait until everything arrived or was reported lost (at most 10 s).
      long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (totals.received.sum() + totals.lost.sum() < published
          && System.nanoTime() < drainEnd) {
        LockSupport.parkNanos(1_000_000);
      }
      Histogram latency = totals.latency.getIntervalHistogram();
      long heapWithStreams = heapAfterGcMb();
      int peakJvm = threads.getPeakThreadCount();
      int schedulerThreads = countThreads("inspector-scheduler-");
      peakJetty = Math.max(peakJetty, server.jettyThreads());
      clients.forEach(StreamClient::cancel);
      long received = totals.received.sum();
      long lost = totals.lost.sum();
      return new Result(
          streams,
          opened,
          rate,
          published / seconds,
          published,
          received,
          lost,
          totals.gaps.sum(),
          Math.max(0, published - received - lost),
          latency,
          peakJetty,
          server.jettyMaxThreads(),
          schedulerThreads,
          peakJvm,
          heapBefore,
          heapWithStreams,
          heapAfterClose(server),
          totals.ended.sum() + totals.failed.sum());
    } finally {
      clientExecutor.shutdownNow();
    }
  }

  private static long heapAfterClose(LoadServer server) {
    server.close();
    return heapAfterGcMb();
  }

  /** Logs in user i and opens its stream; returns how many streams opened. */
  private static int openStreams(
      HttpClient http,
      LoadServer server,
      int streams,
      StreamClient.Totals totals,
      List<StreamClient> clients)
      throws Exception {
    Semaphore inFlight = new Semaphore(LOGIN_CONCURRENCY);
    List<CompletableFuture<Boolean>> results = new ArrayList<>(streams);
    for (int i = 0; i < streams; i++) {
      StreamClient client = new StreamClient(totals);
      clients.add(client);
      inFlight.acquire();
      CompletableFuture<Boolean> f =
          openOne(http, server.base, "u" + i, server.accessKeys.get(i), client);
      f.whenComplete((ok, e) -> inFlight.release());
      results.add(f);
    }
    int opened = 0;
    for (int i = 0; i < streams; i++) {
      try {
        if (results.get(i).get(60, TimeUnit.SECONDS)) {
          opened++;
        }
      } catch (Exception e) {
        System.out.printf("stream u%d did not open: %s%n", i, e);
      }
    }
    // The manager (and so the scope) exists once the stream's request passed the filter.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.scopes.size() < opened && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    if (opened < streams) {
      System.out.printf("only %d of %d streams opened%n", opened, streams);
    }
    // Publish only to the users whose stream opened, which are u0..u(opened-1) unless some failed.
    return contiguousOpened(server, opened);
  }

  private static int contiguousOpened(LoadServer server, int opened) {
    int n = 0;
    while (n < opened && server.scopes.containsKey("u" + n)) {
      n++;
    }
    return n;
  }

  private static CompletableFuture<Boolean> openOne(
      HttpClient http, URI base, String user, String key, StreamClient client) {
    HttpRequest session =
        HttpRequest.newBuilder(base.resolve("/api/session")).timeout(HTTP_TIMEOUT).GET().build();
    return http.sendAsync(session, HttpResponse.BodyHandlers.ofString())
        .thenCompose(
            s -> {
              String cookie = cookie(s, user);
              Matcher m = CSRF.matcher(s.body());
              if (!m.find()) {
                throw new IllegalStateException("no csrfToken for " + user + ": " + s.body());
              }
              HttpRequest login =
                  HttpRequest.newBuilder(base.resolve("/api/login"))
                      .timeout(HTTP_TIMEOUT)
                      .header("Cookie", cookie)
                      .header("X-Inspector-CSRF", m.group(1))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString("{\"accessKey\":\"" + key + "\"}"))
                      .build();
              return http.sendAsync(login, HttpResponse.BodyHandlers.ofString());
            })
        .thenCompose(
            l -> {
              if (l.statusCode() != 200) {
                throw new IllegalStateException(
                    "login of " + user + " answered " + l.statusCode() + ": " + l.body());
              }
              HttpRequest stream =
                  HttpRequest.newBuilder(base.resolve("/api/rpc/stream?replay=false"))
                      .header("Cookie", cookie(l, user))
                      .header("Accept", "text/event-stream")
                      .GET()
                      .build();
              CompletableFuture<Boolean> head = new CompletableFuture<>();
              http.sendAsync(
                      stream,
                      info -> {
                        head.complete(info.statusCode() == 200);
                        return HttpResponse.BodySubscribers.fromLineSubscriber(client);
                      })
                  .whenComplete(
                      (r, e) -> {
                        if (e != null) {
                          head.completeExceptionally(e);
                        }
                      });
              return head;
            });
  }

  private static String cookie(HttpResponse<?> response, String user) {
    return response
        .headers()
        .firstValue("Set-Cookie")
        .map(c -> c.split(";", 2)[0])
        .orElseThrow(() -> new IllegalStateException("no Set-Cookie for " + user));
  }

  private static long heapAfterGcMb() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }

  private static int countThreads(String prefix) {
    return (int)
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith(prefix))
            .count();
  }

  private static long fileDescriptorLimit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
  }
}
