package dev.mcpinspector.core.elicitation;

import dev.mcpinspector.core.event.Sequenced;
import java.util.Objects;

/**
 * What a sampling subscriber receives: a new pending request, or the end of one. Sequence numbers
 * are per session and separate from those of {@link ElicitationEvent}.
 */
public sealed interface SamplingEvent extends Sequenced
    permits SamplingEvent.Requested, SamplingEvent.Completed {

  /**
   * The request id this event is about.
   *
   * @return the unguessable id
   */
  String requestId();

  /**
   * A pending request ({@code event: sampling_request}).
   *
   * @param sequence per-session sequence number, from 1
   * @param requestId the unguessable id the answer must name
   * @param serverId the server asking
   * @param paramsJson the {@code sampling/createMessage} params, raw JSON object text
   * @param timestamp when the request was made, epoch milliseconds
   * @param expiresAt when it will be cancelled unless answered, epoch milliseconds
   */
  record Requested(
      long sequence,
      String requestId,
      String serverId,
      String paramsJson,
      long timestamp,
      long expiresAt)
      implements SamplingEvent {

    /**
     * Checks the arguments; see the record description for each component.
     *
     * @param sequence see the record description
     * @param requestId see the record description
     * @param serverId see the record description
     * @param paramsJson see the record description
     * @param timestamp see the record description
     * @param expiresAt see the record description
     */
    public Requested {
      Objects.requireNonNull(requestId, "requestId must not be null");
      Objects.requireNonNull(serverId, "serverId must not be null");
      Objects.requireNonNull(paramsJson, "paramsJson must not be null");
    }
  }

  /**
   * The end of a request ({@code event: sampling_complete}): answered, timed out or cancelled.
   *
   * @param sequence per-session sequence number, from 1
   * @param requestId the request
   * @param action how it ended
   */
  record Completed(long sequence, String requestId, SamplingAction action)
      implements SamplingEvent {

    /**
     * Checks the arguments; see the record description for each component.
     *
     * @param sequence see the record description
     * @param requestId see the record description
     * @param action see the record description
     */
    public Completed {
      Objects.requireNonNull(requestId, "requestId must not be null");
      Objects.requireNonNull(action, "action must not be null");
    }
  }
}
