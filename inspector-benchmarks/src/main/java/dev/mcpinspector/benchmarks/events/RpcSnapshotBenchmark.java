package dev.mcpinspector.benchmarks.events;

import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.rpc.RpcEvent;
import dev.mcpinspector.core.rpc.RpcLogBus;
import dev.mcpinspector.core.rpc.RpcLogConfig;
import dev.mcpinspector.core.session.SessionId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code snapshot(limit=100)} of one session with 1,000 sessions x 5 servers x 1,000 events stored
 * (5 M events), bus against the reference's filter-everything read. Target: bus at least 100x
 * faster. Setup publishes 10 M events and needs a few GB of heap.
 *
 * <p>Run: {@code java -jar inspector-benchmarks/target/benchmarks.jar RpcSnapshotBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx6g"})
@State(Scope.Benchmark)
public class RpcSnapshotBenchmark {

  static final int SESSIONS = 1000;
  static final int SERVERS = 5;
  static final int PER_SERVER = 1000;

  SessionId[] sessions;
  ScheduledExecutorService scheduler;
  RpcLogBus bus;
  ReferenceRpcLog reference;
  int next;

  /** Fills both logs. */
  @Setup(Level.Trial)
  public void setUp() {
    scheduler = Executors.newSingleThreadScheduledExecutor();
    bus =
        RpcLogBus.create(
            RpcLogConfig.builder()
                .maxBytes(4L * 1024 * 1024 * 1024)
                .timestampPrecision(Duration.ZERO)
                .build(),
            scheduler);
    reference = new ReferenceRpcLog(SESSIONS * PER_SERVER);
    sessions = new SessionId[SESSIONS];
    for (int i = 0; i < SESSIONS; i++) {
      sessions[i] = SessionId.generate();
      bus.open(sessions[i]);
    }
    String message = RpcPublishBenchmark.MESSAGE;
    for (int e = 0; e < PER_SERVER; e++) {
      for (int s = 0; s < SERVERS; s++) {
        String server = "server-" + s;
        for (SessionId session : sessions) {
          bus.publish(session, server, Direction.RECEIVE, message);
          reference.publish(session, server, Direction.RECEIVE, message);
        }
      }
    }
  }

  /** Frees everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    bus.close();
    scheduler.shutdownNow();
  }

  /**
   * Newest 100 of one session from the bus.
   *
   * @return the events
   */
  @Benchmark
  public List<RpcEvent> bus() {
    return bus.snapshot(sessions[next++ % SESSIONS], ServerFilter.all(), 100);
  }

  /**
   * Newest 100 of one session from the reference log.
   *
   * @return the events
   */
  @Benchmark
  public List<ReferenceRpcLog.Event> reference() {
    return reference.snapshot(sessions[next++ % SESSIONS], 100);
  }
}
