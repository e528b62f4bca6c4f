package dev.mcpinspector.mcp;

import dev.mcpinspector.core.elicitation.ElicitationRequest;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Recording doubles of the event-plane contracts. */
final class EventDoubles {

  private EventDoubles() {}

  record RpcEvent(SessionId session, String serverId, Direction direction, String json) {}

  static final class RecordingRpcLog implements McpEventSinks.RpcSink {
    final List<RpcEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();

    @Override
    public long publish(SessionId session, String serverId, Direction direction, String json) {
      events.add(new RpcEvent(session, serverId, direction, json));
      return seq.incrementAndGet();
    }

    List<RpcEvent> of(SessionId session, String serverId) {
      return events.stream()
          .filter(e -> e.session().equals(session) && e.serverId().equals(serverId))
          .collect(Collectors.toList());
    }
  }

  record ProgressReport(
      SessionId session,
      String serverId,
      String token,
      double progress,
      Double total,
      String message) {}

  static final class RecordingProgress implements McpEventSinks.ProgressSink {
    final List<ProgressReport> reports = new CopyOnWriteArrayList<>();

    @Override
    public void report(
        SessionId session,
        String serverId,
        String progressToken,
        double progress,
        Double total,
        String message) {
      reports.add(new ProgressReport(session, serverId, progressToken, progress, total, message));
    }
  }

  record ElicitationCall(SessionId session, String serverId, ElicitationRequest request) {}

  static final class ScriptedBroker implements McpEventSinks.ElicitationSink {
    final List<ElicitationCall> calls = new CopyOnWriteArrayList<>();
    private final Function<ElicitationCall, CompletableFuture<ElicitationResponse>> answer;

    ScriptedBroker(Function<ElicitationCall, CompletableFuture<ElicitationResponse>> answer) {
      this.answer = answer;
    }

    @Override
    public CompletableFuture<ElicitationResponse> request(
        SessionId session, String serverId, ElicitationRequest request) {
      ElicitationCall call = new ElicitationCall(session, serverId, request);
      calls.add(call);
      return answer.apply(call);
    }
  }
}
