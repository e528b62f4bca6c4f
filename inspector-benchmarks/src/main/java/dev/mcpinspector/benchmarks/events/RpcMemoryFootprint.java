package dev.mcpinspector.benchmarks.events;

import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.rpc.RpcLogBus;
import dev.mcpinspector.core.rpc.RpcLogConfig;
import dev.mcpinspector.core.session.SessionId;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained heap per stored event beyond its text, measured with JOL: fills the bus (and the
 * reference log) with events that all share one message string, so the text is counted once, and
 * divides the reachable heap by the number of events.
 *
 * <p>Run: {@code java -Djol.magicFieldOffset=true -cp inspector-benchmarks/target/benchmarks.jar
 * dev.mcpinspector.benchmarks.events.RpcMemoryFootprint [sessions] [servers] [eventsPerServer]}
 * (defaults 100 5 1000).
 */
public final class RpcMemoryFootprint {

  private RpcMemoryFootprint() {}

  /**
   * Prints bytes per event.
   *
   * @param args sessions, servers, events per server
   */
  public static void main(String[] args) {
    int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int servers = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int perServer = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try (RpcLogBus bus =
        RpcLogBus.create(
            RpcLogConfig.builder()
                .maxBytes(4L * 1024 * 1024 * 1024)
                .capacityPerServer(perServer)
                .timestampPrecision(Duration.ZERO)
                .build(),
            scheduler)) {
      ReferenceRpcLog reference = new ReferenceRpcLog(sessions * perServer);
      SessionId[] ids = new SessionId[sessions];
      for (int i = 0; i < sessions; i++) {
        ids[i] = SessionId.generate();
        bus.open(ids[i]);
      }
      String message = RpcPublishBenchmark.MESSAGE;
      String[] serverIds = new String[servers];
      for (int s = 0; s < servers; s++) {
        serverIds[s] = "server-" + s;
      }
      for (int e = 0; e < perServer; e++) {
        for (String server : serverIds) {
          for (SessionId id : ids) {
            bus.publish(id, server, Direction.SEND, message);
            reference.publish(id, server, Direction.SEND, message);
          }
        }
      }
      long events = (long) sessions * servers * perServer;
      long busBytes = GraphLayout.parseInstance(bus).totalSize();
      long refBytes = GraphLayout.parseInstance(reference).totalSize();
      System.out.printf(
          "events=%d bus=%d bytes (%.1f per event) reference=%d bytes (%.1f per event)"
              + " accounted overhead=%d per event%n",
          events,
          busBytes,
          (double) busBytes / events,
          refBytes,
          (double) refBytes / events,
          RpcLogConfig.EVENT_OVERHEAD_BYTES);
    } finally {
      scheduler.shutdownNow();
    }
  }
}
