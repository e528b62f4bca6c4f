package dev.mcpinspector.core.progress;

import dev.mcpinspector.core.event.Sequenced;
import dev.mcpinspector.core.session.SessionId;
import java.util.Objects;

/**
 * The latest progress of one (session, server, token), as stored and as streamed.
 *
 * @param session the owning session; never null
 * @param key the server and token; never null
 * @param progress the progress so far; finite
 * @param total the total, or null when unknown; finite when present
 * @param message the server's message, or null
 * @param timestamp when it was reported, epoch milliseconds
 * @param sequence the per-session sequence number of this report, from 1
 */
public record ProgressUpdate(
    SessionId session,
    ProgressKey key,
    double progress,
    Double total,
    String message,
    long timestamp,
    long sequence)
    implements Sequenced {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param session see the record description
   * @param key see the record description
   * @param progress see the record description
   * @param total see the record description
   * @param message see the record description
   * @param timestamp see the record description
   * @param sequence see the record description
   */
  public ProgressUpdate {
    Objects.requireNonNull(session, "session must not be null");
    Objects.requireNonNull(key, "key must not be null");
    if (!Double.isFinite(progress)) {
      throw new IllegalArgumentException("progress must be a finite number, but was " + progress);
    }
    if (total != null && !Double.isFinite(total)) {
      throw new IllegalArgumentException("total must be a finite number, but was " + total);
    }
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, but was " + sequence);
    }
  }
}
