package dev.mcpinspector.mcp;

import dev.mcpinspector.core.elicitation.ElicitationBroker;
import dev.mcpinspector.core.elicitation.ElicitationRequest;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.elicitation.SamplingRequest;
import dev.mcpinspector.core.elicitation.SamplingResponse;
import dev.mcpinspector.core.progress.ProgressStore;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.rpc.RpcLogBus;
import dev.mcpinspector.core.session.SessionId;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Where a client manager sends what its servers do: the session-scoped event plane. Each sink is
 * the one operation a manager needs, so the manager depends on nothing else of the event plane.
 *
 * @param rpcLog receives every JSON-RPC message in both directions
 * @param progress receives progress notifications in arrival order
 * @param elicitation turns a server's {@code elicitation/create} and {@code sampling/createMessage}
 *     into requests to the session's user
 */
public record McpEventSinks(RpcSink rpcLog, ProgressSink progress, ElicitationSink elicitation) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param rpcLog see the record description
   * @param progress see the record description
   * @param elicitation see the record description
   */
  public McpEventSinks {
    Objects.requireNonNull(rpcLog, "rpcLog");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(elicitation, "elicitation");
  }

  /**
   * The sinks of the core event plane.
   *
   * @param bus the RPC log
   * @param store the progress store
   * @param broker the elicitation broker
   * @return sinks that publish to them
   */
  public static McpEventSinks of(RpcLogBus bus, ProgressStore store, ElicitationBroker broker) {
    return new McpEventSinks(bus::publish, store::report, ElicitationSink.of(broker));
  }

  /** Receives JSON-RPC messages; see {@link RpcLogBus#publish}. */
  @FunctionalInterface
  public interface RpcSink {
    /**
     * Records one message.
     *
     * @param session the session
     * @param serverId the server
     * @param direction which way it went
     * @param json the raw JSON text
     * @return the sequence given to it, or -1 when dropped
     */
    long publish(SessionId session, String serverId, Direction direction, String json);
  }

  /** Receives progress notifications; see {@link ProgressStore#report}. */
  @FunctionalInterface
  public interface ProgressSink {
    /**
     * Records a progress notification.
     *
     * @param session the session
     * @param serverId the server
     * @param progressToken the token
     * @param progress the progress so far
     * @param total the total, or null
     * @param message the message, or null
     */
    void report(
        SessionId session,
        String serverId,
        String progressToken,
        double progress,
        Double total,
        String message);
  }

  /**
   * Turns requests that wait on the user (elicitation, sampling) into user requests; see {@link
   * ElicitationBroker}. Only {@link #request} must be implemented: by default sampling is rejected
   * and the lifecycle calls do nothing.
   */
  @FunctionalInterface
  public interface ElicitationSink {
    /**
     * Asks the session's user.
     *
     * @param session the session
     * @param serverId the server asking
     * @param request what it asks
     * @return the answer, never completed exceptionally
     */
    CompletableFuture<ElicitationResponse> request(
        SessionId session, String serverId, ElicitationRequest request);

    /**
     * The sink of the core broker: every method delegates to it.
     *
     * @param broker the broker
     * @return a sink over it
     */
    static ElicitationSink of(ElicitationBroker broker) {
      Objects.requireNonNull(broker, "broker");
      return new ElicitationSink() {
        @Override
        public CompletableFuture<ElicitationResponse> request(
            SessionId session, String serverId, ElicitationRequest request) {
          return broker.request(session, serverId, request);
        }

        @Override
        public CompletableFuture<SamplingResponse> requestSampling(
            SessionId session, String serverId, SamplingRequest request) {
          return broker.requestSampling(session, serverId, request);
        }

        @Override
        public int cancelServer(SessionId session, String serverId) {
          return broker.cancelServer(session, serverId);
        }

        @Override
        public boolean urlElicitationCompleted(
            SessionId session, String serverId, String elicitationId) {
          return broker.urlElicitationCompleted(session, serverId, elicitationId);
        }
      };
    }

    /**
     * Asks the session's user to write or approve a sampling reply; see {@link
     * ElicitationBroker#requestSampling}.
     *
     * @param session the session
     * @param serverId the server asking
     * @param request the {@code sampling/createMessage} params
     * @return the answer, never completed exceptionally; by default rejected at once
     */
    default CompletableFuture<SamplingResponse> requestSampling(
        SessionId session, String serverId, SamplingRequest request) {
      return CompletableFuture.completedFuture(SamplingResponse.reject());
    }

    /**
     * Cancels the pending requests of a server that is being removed; see {@link
     * ElicitationBroker#cancelServer}.
     *
     * @param session the session
     * @param serverId the server
     * @return how many were cancelled; by default 0
     */
    default int cancelServer(SessionId session, String serverId) {
      return 0;
    }

    /**
     * Reports the server's {@code notifications/elicitation/complete}; see {@link
     * ElicitationBroker#urlElicitationCompleted}.
     *
     * @param session the session
     * @param serverId the server
     * @param elicitationId the flow's id
     * @return whether an accepted flow had that id; by default false
     */
    default boolean urlElicitationCompleted(
        SessionId session, String serverId, String elicitationId) {
      return false;
    }
  }
}
