package dev.mcpinspector.benchmarks.events;

import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.rpc.RpcLogBus;
import dev.mcpinspector.core.rpc.RpcLogConfig;
import dev.mcpinspector.core.session.SessionId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Publish throughput of the RPC log bus against the reference design's shared log, with no
 * subscriber or with one live subscriber per session (1,000 sessions x 5 servers). Subscribers are
 * never drained, so both sides run their steady "queue full, drop oldest" path.
 *
 * <p>Run: {@code java -jar inspector-benchmarks/target/benchmarks.jar RpcPublishBenchmark -t 1}
 * (no-subscriber target: at least 10 M ops/s on one thread) and {@code java -jar
 * inspector-benchmarks/target/benchmarks.jar 'RpcPublishBenchmark.*' -p subscribers=true -t 2}
 * (target: bus at least 3x the reference at 2 threads).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class RpcPublishBenchmark {

  static final int SERVERS = 5;
  static final String MESSAGE =
      "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}";

  /** Number of sessions. */
  @Param({"1000"})
  public int sessionCount;

  /** Whether each session has one live subscriber. */
  @Param({"false", "true"})
  public boolean subscribers;

  /** Timestamp precision in ms for the bus (0 reads the clock per event). */
  @Param({"1"})
  public int precisionMillis;

  SessionId[] sessions;
  String[] servers;
  ScheduledExecutorService scheduler;
  RpcLogBus bus;
  ReferenceRpcLog reference;

  /** Builds both logs and their subscribers. */
  @Setup(Level.Trial)
  public void setUp() {
    scheduler = Executors.newSingleThreadScheduledExecutor();
    bus =
        RpcLogBus.create(
            RpcLogConfig.builder().timestampPrecision(Duration.ofMillis(precisionMillis)).build(),
            scheduler);
    reference = new ReferenceRpcLog(RpcLogConfig.DEFAULT_CAPACITY_PER_SERVER * sessionCount);
    sessions = new SessionId[sessionCount];
    servers = new String[SERVERS];
    for (int s = 0; s < SERVERS; s++) {
      servers[s] = "server-" + s;
    }
    for (int i = 0; i < sessionCount; i++) {
      SessionId session = SessionId.generate();
      sessions[i] = session;
      bus.open(session);
      if (subscribers) {
        bus.subscribe(session, ServerFilter.all(), Long.MAX_VALUE, () -> {});
        ArrayDeque<ReferenceRpcLog.Event> queue = new ArrayDeque<>();
        reference.addListener(
            e -> {
              if (e.session().equals(session)) {
                synchronized (queue) {
                  queue.addLast(e);
                  if (queue.size() > RpcLogConfig.DEFAULT_SUBSCRIBER_QUEUE_SIZE) {
                    queue.pollFirst();
                  }
                }
              }
            });
      }
    }
  }

  /** Stops the timestamp task. */
  @TearDown(Level.Trial)
  public void tearDown() {
    bus.close();
    scheduler.shutdownNow();
  }

  /** Per-thread position, so threads spread over sessions. */
  @State(Scope.Thread)
  public static class Cursor {
    int next = (int) (Thread.currentThread().getId() * 7919);
  }

  /**
   * One publish to the bus.
   *
   * @param cursor the thread's position
   * @return the sequence
   */
  @Benchmark
  public long bus(Cursor cursor) {
    int i = cursor.next++ & Integer.MAX_VALUE;
    return bus.publish(sessions[i % sessionCount], servers[i % SERVERS], Direction.SEND, MESSAGE);
  }

  /**
   * One publish to the reference log.
   *
   * @param cursor the thread's position
   */
  @Benchmark
  public void reference(Cursor cursor) {
    int i = cursor.next++ & Integer.MAX_VALUE;
    reference.publish(sessions[i % sessionCount], servers[i % SERVERS], Direction.SEND, MESSAGE);
  }
}
