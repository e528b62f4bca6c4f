package dev.mcpinspector.servlet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.mcpinspector.core.elicitation.ElicitationAction;
import dev.mcpinspector.core.elicitation.ElicitationEvent;
import dev.mcpinspector.core.elicitation.SamplingEvent;
import dev.mcpinspector.core.progress.ProgressUpdate;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.rpc.RpcEvent;
import dev.mcpinspector.servlet.json.ApiJson;
import dev.mcpinspector.servlet.sse.SseEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the event routes (DESIGN section 4) and their SSE encodings. No view holds a
 * session id. Timestamps are ISO-8601 text. Raw JSON carried by events (an RPC message, an
 * elicitation schema) is embedded as JSON only after it was checked to be exactly one JSON value;
 * otherwise it is sent as a string, so a truncated or broken message can never break the
 * surrounding document.
 */
final class EventViews {

  static final String RPC = "rpc";
  static final String PROGRESS = "progress";
  static final String ELICITATION_REQUEST = "elicitation_request";
  static final String ELICITATION_COMPLETE = "elicitation_complete";
  static final String ELICITATION_URL_COMPLETE = "elicitation_url_complete";
  static final String SAMPLING_REQUEST = "sampling_request";
  static final String SAMPLING_COMPLETE = "sampling_complete";

  private EventViews() {}

  /** One RPC log event; {@code message} is a {@link RawValue} or a string. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RpcView(
      long seq,
      String serverId,
      Direction direction,
      Instant timestamp,
      Object message,
      Boolean truncated) {

    static RpcView of(RpcEvent e) {
      boolean embed = !e.truncated() && isJson(e.message());
      return new RpcView(
          e.sequence(),
          e.serverId(),
          e.direction(),
          Instant.ofEpochMilli(e.timestamp()),
          embed ? new RawValue(e.message()) : e.message(),
          e.truncated() ? Boolean.TRUE : null);
    }
  }

  /** The body of {@code GET /api/rpc/logs}. */
  record RpcLogs(List<RpcView> events) {}

  /** The latest progress of one token. */
  record ProgressView(
      String serverId,
      String progressToken,
      double progress,
      Double total,
      String message,
      Instant timestamp) {

    static ProgressView of(ProgressUpdate u) {
      return new ProgressView(
          u.key().serverId(),
          u.key().progressToken(),
          u.progress(),
          u.total(),
          u.message(),
          Instant.ofEpochMilli(u.timestamp()));
    }
  }

  /** The body of {@code GET /api/progress}. */
  record ProgressList(List<ProgressView> progress) {}

  /**
   * A pending elicitation request; {@code requestedSchema} is a {@link RawValue} or a string (form
   * mode), {@code url} and {@code elicitationId} are set in URL mode only.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ElicitationRequestView(
      String requestId,
      String serverId,
      String mode,
      String message,
      Object requestedSchema,
      String url,
      String elicitationId,
      Instant timestamp,
      Instant expiresAt) {

    static ElicitationRequestView of(ElicitationEvent.Requested r) {
      String schema = r.requestedSchemaJson();
      return new ElicitationRequestView(
          r.requestId(),
          r.serverId(),
          r.mode().wireName(),
          r.message(),
          schema == null ? null : isJson(schema) ? new RawValue(schema) : schema,
          r.url(),
          r.elicitationId(),
          Instant.ofEpochMilli(r.timestamp()),
          Instant.ofEpochMilli(r.expiresAt()));
    }
  }

  /** The server finished a URL-mode flow the user accepted. */
  record ElicitationUrlCompleteView(String requestId, String serverId, String elicitationId) {}

  /**
   * A pending sampling request: {@code request} is the {@code sampling/createMessage} params as the
   * server sent them ({@link RawValue}, checked to be one JSON value by the broker).
   */
  record SamplingRequestView(
      String requestId, String serverId, Object request, Instant timestamp, Instant expiresAt) {

    static SamplingRequestView of(SamplingEvent.Requested r) {
      String params = r.paramsJson();
      return new SamplingRequestView(
          r.requestId(),
          r.serverId(),
          isJson(params) ? new RawValue(params) : params,
          Instant.ofEpochMilli(r.timestamp()),
          Instant.ofEpochMilli(r.expiresAt()));
    }
  }

  /** The end of a sampling request. */
  record SamplingCompleteView(String requestId, String action) {}

  /** The end of an elicitation request. */
  record ElicitationCompleteView(String requestId, ElicitationAction action) {}

  static SseEvent rpcEvent(RpcEvent e) {
    return SseEvent.of(e.sequence(), RPC, ApiJson.write(RpcView.of(e)));
  }

  static SseEvent progressEvent(ProgressUpdate u) {
    return SseEvent.of(u.sequence(), PROGRESS, ApiJson.write(ProgressView.of(u)));
  }

  static SseEvent elicitationEvent(ElicitationEvent e) {
    if (e instanceof ElicitationEvent.Requested r) {
      return SseEvent.of(
          r.sequence(), ELICITATION_REQUEST, ApiJson.write(ElicitationRequestView.of(r)));
    }
    if (e instanceof ElicitationEvent.UrlCompleted u) {
      return SseEvent.of(
          u.sequence(),
          ELICITATION_URL_COMPLETE,
          ApiJson.write(
              new ElicitationUrlCompleteView(u.requestId(), u.serverId(), u.elicitationId())));
    }
    ElicitationEvent.Completed c = (ElicitationEvent.Completed) e;
    return SseEvent.of(
        c.sequence(),
        ELICITATION_COMPLETE,
        ApiJson.write(new ElicitationCompleteView(c.requestId(), c.action())));
  }

  static SseEvent samplingEvent(SamplingEvent e) {
    if (e instanceof SamplingEvent.Requested r) {
      return SseEvent.of(r.sequence(), SAMPLING_REQUEST, ApiJson.write(SamplingRequestView.of(r)));
    }
    SamplingEvent.Completed c = (SamplingEvent.Completed) e;
    return SseEvent.of(
        c.sequence(),
        SAMPLING_COMPLETE,
        ApiJson.write(new SamplingCompleteView(c.requestId(), c.action().wireName())));
  }

  /**
   * Whether the text is exactly one JSON value (surrounding whitespace allowed). Streams the tokens
   * without building a tree.
   */
  static boolean isJson(String text) {
    try (JsonParser p = ApiJson.mapper().getFactory().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
