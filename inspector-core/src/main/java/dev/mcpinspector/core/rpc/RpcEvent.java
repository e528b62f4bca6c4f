package dev.mcpinspector.core.rpc;

import dev.mcpinspector.core.event.Sequenced;
import dev.mcpinspector.core.session.SessionId;
import java.util.Objects;

/**
 * One recorded JSON-RPC message.
 *
 * @param session the owning session; never null
 * @param serverId the server connection; never null
 * @param direction which way it went; never null
 * @param timestamp when it was recorded, epoch milliseconds (see {@link
 *     RpcLogConfig#timestampPrecision()})
 * @param sequence the per-session sequence number, monotonic from 1; the SSE event id
 * @param message the raw JSON-RPC text, or when {@code truncated} its head followed by a marker
 *     (then it is no longer valid JSON); never null
 * @param truncated whether the message was cut to the per-event cap
 */
public record RpcEvent(
    SessionId session,
    String serverId,
    Direction direction,
    long timestamp,
    long sequence,
    String message,
    boolean truncated)
    implements Sequenced {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param session see the record description
   * @param serverId see the record description
   * @param direction see the record description
   * @param timestamp see the record description
   * @param sequence see the record description
   * @param message see the record description
   * @param truncated see the record description
   */
  public RpcEvent {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(serverId, "serverId must not be null");
    Objects.requireNonNull(direction, "direction must not be null");
    Objects.requireNonNull(message, "message must not be null");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, but was " + sequence);
    }
  }

  /** Returns a summary without the session id or the message text. */
  @Override
  public String toString() {
    return "RpcEvent[serverId="
        + serverId
        + ", direction="
        + direction
        + ", sequence="
        + sequence
        + ", timestamp="
        + timestamp
        + ", chars="
        + message.length()
        + ", truncated="
        + truncated
        + "]";
  }
}
