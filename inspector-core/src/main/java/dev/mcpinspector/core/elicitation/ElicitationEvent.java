package dev.mcpinspector.core.elicitation;

import dev.mcpinspector.core.event.Sequenced;
import java.util.Objects;

/**
 * What an elicitation subscriber receives: a new pending request, or the end of one. Sequence
 * numbers are per session.
 */
public sealed interface ElicitationEvent extends Sequenced
    permits ElicitationEvent.Requested, ElicitationEvent.Completed, ElicitationEvent.UrlCompleted {

  /**
   * The request id this event is about.
   *
   * @return the unguessable id
   */
  String requestId();

  /**
   * A pending request ({@code event: elicitation_request}).
   *
   * @param sequence per-session sequence number, from 1
   * @param requestId the unguessable id the answer must name
   * @param serverId the server asking
   * @param mode form or URL
   * @param message the text to show
   * @param requestedSchemaJson in form mode the JSON Schema of the answer, raw JSON text; in URL
   *     mode null
   * @param url in URL mode the address to offer (never fetched), otherwise null
   * @param elicitationId in URL mode the server's id of the flow, otherwise null
   * @param timestamp when the request was made, epoch milliseconds
   * @param expiresAt when it will be cancelled unless answered, epoch milliseconds
   */
  record Requested(
      long sequence,
      String requestId,
      String serverId,
      ElicitationMode mode,
      String message,
      String requestedSchemaJson,
      String url,
      String elicitationId,
      long timestamp,
      long expiresAt)
      implements ElicitationEvent {

    /**
     * Checks the arguments; see the record description for each component.
     *
     * @param sequence see the record description
     * @param requestId see the record description
     * @param serverId see the record description
     * @param mode see the record description
     * @param message see the record description
     * @param requestedSchemaJson see the record description
     * @param url see the record description
     * @param elicitationId see the record description
     * @param timestamp see the record description
     * @param expiresAt see the record description
     */
    public Requested {
      Objects.requireNonNull(requestId, "requestId must not be null");
      Objects.requireNonNull(serverId, "serverId must not be null");
      Objects.requireNonNull(mode, "mode must not be null");
      Objects.requireNonNull(message, "message must not be null");
    }
  }

  /**
   * The end of a request ({@code event: elicitation_complete}): answered, timed out or cancelled.
   *
   * @param sequence per-session sequence number, from 1
   * @param requestId the request
   * @param action how it ended
   */
  record Completed(long sequence, String requestId, ElicitationAction action)
      implements ElicitationEvent {

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

  /**
   * The server said a URL-mode flow the user accepted is finished ({@code
   * notifications/elicitation/complete}); the page closes what it still shows of it ({@code event:
   * elicitation_url_complete}).
   *
   * @param sequence per-session sequence number, from 1
   * @param requestId the request the user accepted
   * @param serverId the server
   * @param elicitationId the server's id of the flow
   */
  record UrlCompleted(long sequence, String requestId, String serverId, String elicitationId)
      implements ElicitationEvent {

    /**
     * Checks the arguments; see the record description for each component.
     *
     * @param sequence see the record description
     * @param requestId see the record description
     * @param serverId see the record description
     * @param elicitationId see the record description
     */
    public UrlCompleted {
      Objects.requireNonNull(requestId, "requestId must not be null");
      Objects.requireNonNull(serverId, "serverId must not be null");
      Objects.requireNonNull(elicitationId, "elicitationId must not be null");
    }
  }
}
