package dev.mcpinspector.servlet.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.auth.Admission;
import dev.mcpinspector.core.elicitation.ElicitationAction;
import dev.mcpinspector.core.elicitation.ElicitationMode;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.elicitation.InvalidAnswerException;
import dev.mcpinspector.core.elicitation.SamplingAction;
import dev.mcpinspector.core.elicitation.SamplingResponse;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.event.Subscription;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.servlet.ApiModule;
import dev.mcpinspector.servlet.InspectorRequest;
import dev.mcpinspector.servlet.json.ApiJson;
import dev.mcpinspector.servlet.routing.ApiExchange;
import dev.mcpinspector.servlet.routing.ApiRouter;
import dev.mcpinspector.servlet.sse.SseEvent;
import dev.mcpinspector.servlet.sse.SubscriptionSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The event routes of the API (DESIGN section 4): the RPC log, progress and elicitation, as JSON
 * snapshots and as server-sent event streams, the elicitation answer and the admin statistics.
 * Every route works on the event scope of the caller's session ({@link InspectorRequest#scope()}):
 * the session in hosted mode, the one shared scope in local mode. A stream keeps the request's
 * lease (the inspector filter releases it when the stream ends), so an open stream pins its
 * session; when the session ends (logout, lifetime, eviction) its subscriptions close and the
 * streams end.
 *
 * <ul>
 *   <li>{@code GET /rpc/logs?serverId=&limit=}: the newest {@code limit} (1..1000, default 100)
 *       events, oldest first.
 *   <li>{@code GET /rpc/stream?serverId=&replay=}: {@code event: rpc}, {@code id: <seq>}; resumes
 *       after {@code Last-Event-ID}; without it, {@code replay=true} (default) replays what is
 *       retained and {@code replay=false} sends only new events.
 *   <li>{@code GET /progress?serverId=}, {@code GET /progress/stream?serverId=}: {@code event:
 *       progress}; a stream starts with the latest entry of every token.
 *   <li>{@code GET /elicitation/stream}: {@code event: elicitation_request} (pending requests
 *       first; {@code mode} form or url), {@code event: elicitation_complete} and, when the server
 *       reports a URL-mode flow finished, {@code event: elicitation_url_complete}.
 *   <li>{@code POST /elicitation/{requestId}}: 204 when the answer was taken; 404 {@code
 *       elicitation_not_found} for an unknown, expired, answered or foreign id alike; 400 {@code
 *       invalid_answer} naming the field when accepted content does not match the requested schema
 *       (after its defaults were applied to omitted fields).
 *   <li>{@code GET /sampling/stream}: {@code event: sampling_request} (pending requests first) and
 *       {@code event: sampling_complete}.
 *   <li>{@code POST /sampling/{requestId}}: {@code {"action":"approve"|"reject"|"cancel",
 *       "result":{role, content, model, stopReason}}}; 204, 404 {@code sampling_not_found} as for
 *       elicitation, 400 {@code invalid_answer} naming the field.
 *   <li>{@code GET /admin/stats}: {@link Inspector#stats()}; hosted mode: principals with {@link
 *       Principal#ADMIN_ROLE} only; local mode: clients on a loopback address only.
 * </ul>
 *
 * <p>Thread-safe; register once with the inspector's servlet.
 */
public final class EventRoutes implements ApiModule {

  /** The default of {@code limit} on {@code GET /api/rpc/logs}. */
  public static final int DEFAULT_LOG_LIMIT = 100;

  /** The largest {@code limit} on {@code GET /api/rpc/logs}. */
  public static final int MAX_LOG_LIMIT = 1000;

  static final String NOT_FOUND_DETAIL = "no pending elicitation request with this id";

  static final String SAMPLING_NOT_FOUND_DETAIL = "no pending sampling request with this id";

  private final Inspector<?> inspector;

  /**
   * Creates the routes over an inspector's event plane.
   *
   * @param inspector the inspector whose RPC log, progress store and elicitation broker are served
   * @throws NullPointerException if inspector is null
   */
  public EventRoutes(Inspector<?> inspector) {
    this.inspector = Objects.requireNonNull(inspector, "inspector must not be null");
  }

  @Override
  public void addRoutes(ApiRouter.Builder routes) {
    routes
        .get("/rpc/logs", this::rpcLogs)
        .get("/rpc/stream", this::rpcStream)
        .get("/progress", this::progress)
        .get("/progress/stream", this::progressStream)
        .get("/elicitation/stream", this::elicitationStream)
        .post("/elicitation/{requestId}", this::answerElicitation)
        .get("/sampling/stream", this::samplingStream)
        .post("/sampling/{requestId}", this::answerSampling)
        .get("/admin/stats", this::adminStats);
  }

  private void rpcLogs(ApiExchange exchange) throws IOException {
    SessionId scope = InspectorRequest.of(exchange).scope();
    ServerFilter filter = serverFilter(exchange);
    int limit = exchange.intQueryParam("limit", DEFAULT_LOG_LIMIT, 1, MAX_LOG_LIMIT);
    exchange.respondJson(
        200,
        new EventViews.RpcLogs(
            inspector.rpcLog().snapshot(scope, filter, limit).stream()
                .map(EventViews.RpcView::of)
                .toList()));
  }

  private void rpcStream(ApiExchange exchange) throws IOException {
    SessionId scope = InspectorRequest.of(exchange).scope();
    ServerFilter filter = serverFilter(exchange);
    boolean replay = booleanQueryParam(exchange, "replay", true);
    OptionalLong lastEventId = exchange.lastEventId();
    long after = lastEventId.orElse(replay ? 0 : Long.MAX_VALUE);
    stream(
        exchange,
        "RPC log",
        signal -> inspector.rpcLog().subscribe(scope, filter, after, signal),
        EventViews::rpcEvent);
  }

  private void progress(ApiExchange exchange) throws IOException {
    SessionId scope = InspectorRequest.of(exchange).scope();
    ServerFilter filter = serverFilter(exchange);
    exchange.respondJson(
        200,
        new EventViews.ProgressList(
            inspector.progress().snapshot(scope, filter).stream()
                .map(EventViews.ProgressView::of)
                .toList()));
  }

  private void progressStream(ApiExchange exchange) throws IOException {
    SessionId scope = InspectorRequest.of(exchange).scope();
    ServerFilter filter = serverFilter(exchange);
    stream(
        exchange,
        "progress",
        signal -> inspector.progress().subscribe(scope, filter, signal),
        EventViews::progressEvent);
  }

  private void elicitationStream(ApiExchange exchange) throws IOException {
    SessionId scope = InspectorRequest.of(exchange).scope();
    stream(
        exchange,
        "elicitation",
        signal -> inspector.elicitations().subscribe(scope, signal),
        EventViews::elicitationEvent);
  }

  /** The body of {@code POST /api/elicitation/{requestId}}. */
  record AnswerBody(@JsonProperty(required = true) ElicitationAction action, JsonNode content) {}

  private void answerElicitation(ApiExchange exchange) throws IOException {
    SessionId scope = InspectorRequest.of(exchange).scope();
    String requestId = exchange.pathParam("requestId");
    AnswerBody body = exchange.readJson(AnswerBody.class);
    ElicitationResponse response;
    if (body.action() == null) {
      throw new ProblemException(
          ProblemCode.BAD_REQUEST, "field 'action' must be one of " + actions() + ", but was null");
    }
    if (body.action() == ElicitationAction.ACCEPT) {
      JsonNode content = body.content();
      if (content == null && isUrlMode(scope, requestId)) {
        // A URL-mode accept only says the user agreed to open the address; it has no content.
        content = ApiJson.mapper().createObjectNode();
      }
      if (content == null || !content.isObject()) {
        throw new ProblemException(
            ProblemCode.BAD_REQUEST,
            "field 'content' must be a JSON object when action is accept, but was "
                + describe(content));
      }
      response = new ElicitationResponse(ElicitationAction.ACCEPT, ApiJson.write(content));
    } else {
      response = new ElicitationResponse(body.action(), null);
    }
    boolean taken;
    try {
      taken = inspector.elicitations().answer(scope, requestId, response);
    } catch (InvalidAnswerException e) {
      throw new ProblemException(ProblemCode.INVALID_ANSWER, e.getMessage());
    }
    if (!taken) {
      throw new ProblemException(ProblemCode.ELICITATION_NOT_FOUND, NOT_FOUND_DETAIL);
    }
    exchange.respondNoContent();
  }

  private boolean isUrlMode(SessionId scope, String requestId) {
    return inspector.elicitations().pending(scope).stream()
        .anyMatch(r -> r.requestId().equals(requestId) && r.mode() == ElicitationMode.URL);
  }

  private void samplingStream(ApiExchange exchange) throws IOException {
    SessionId scope = InspectorRequest.of(exchange).scope();
    stream(
        exchange,
        "sampling",
        signal -> inspector.elicitations().subscribeSampling(scope, signal),
        EventViews::samplingEvent);
  }

  /** The body of {@code POST /api/sampling/{requestId}}. */
  record SamplingAnswerBody(
      @JsonProperty(required = true) SamplingAction action, JsonNode result) {}

  private void answerSampling(ApiExchange exchange) throws IOException {
    SessionId scope = InspectorRequest.of(exchange).scope();
    String requestId = exchange.pathParam("requestId");
    SamplingAnswerBody body = exchange.readJson(SamplingAnswerBody.class);
    if (body.action() == null) {
      throw new ProblemException(
          ProblemCode.BAD_REQUEST,
          "field 'action' must be one of " + names(SamplingAction.values()) + ", but was null");
    }
    SamplingResponse response;
    if (body.action() == SamplingAction.APPROVE) {
      JsonNode result = body.result();
      if (result == null || !result.isObject()) {
        throw new ProblemException(
            ProblemCode.BAD_REQUEST,
            "field 'result' must be a JSON object when action is approve, but was "
                + describe(result));
      }
      response = new SamplingResponse(SamplingAction.APPROVE, ApiJson.write(result));
    } else {
      response = new SamplingResponse(body.action(), null);
    }
    boolean taken;
    try {
      taken = inspector.elicitations().answerSampling(scope, requestId, response);
    } catch (InvalidAnswerException e) {
      throw new ProblemException(ProblemCode.INVALID_ANSWER, e.getMessage());
    }
    if (!taken) {
      throw new ProblemException(ProblemCode.SAMPLING_NOT_FOUND, SAMPLING_NOT_FOUND_DETAIL);
    }
    exchange.respondNoContent();
  }

  private void adminStats(ApiExchange exchange) throws IOException {
    Admission admission = InspectorRequest.of(exchange).admission();
    if (inspector.mode() == Mode.LOCAL) {
      if (!isLoopback(admission.request().clientAddress())) {
        throw new ProblemException(
            ProblemCode.FORBIDDEN,
            "in local mode the statistics are served to loopback clients only");
      }
    } else if (!admission.requirePrincipal().hasRole(Principal.ADMIN_ROLE)) {
      throw new ProblemException(
          ProblemCode.FORBIDDEN,
          "the statistics need the '" + Principal.ADMIN_ROLE + "' role (see INSPECTOR_ADMINS)");
    }
    exchange.respondJson(200, inspector.stats());
  }

  private static <T> void stream(
      ApiExchange exchange,
      String what,
      Function<Runnable, Subscription<T>> subscribe,
      Function<? super T, SseEvent> encoder)
      throws IOException {
    SubscriptionSource<T> source;
    try {
      source = SubscriptionSource.open(subscribe, encoder);
    } catch (IllegalStateException e) {
      // The per-session subscription limit: the message names the limit and what to do.
      throw new ProblemException(
          ProblemCode.RATE_LIMITED, "too many open " + what + " streams: " + e.getMessage());
    }
    // The inspector filter releases the request's lease when the async request completes.
    exchange.respondSse(source, () -> {});
  }

  private static ServerFilter serverFilter(ApiExchange exchange) {
    return ServerFilter.ofNullable(exchange.queryParam("serverId").orElse(null));
  }

  private static boolean booleanQueryParam(ApiExchange exchange, String name, boolean absent) {
    String value = exchange.queryParam(name).orElse("");
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "" -> absent;
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ProblemException(
              ProblemCode.BAD_REQUEST,
              "query parameter '" + name + "' must be true or false, but was '" + value + "'");
    };
  }

  private static String actions() {
    return names(ElicitationAction.values());
  }

  private static String names(Enum<?>[] values) {
    return Arrays.stream(values).map(a -> a.name().toLowerCase(Locale.ROOT)).toList().toString();
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isNull()) {
      return "absent";
    }
    return "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static boolean isLoopback(String address) {
    // The gate hands over an IP literal; refusing anything else keeps name lookups out of here.
    if (address == null || !isLiteral(address)) {
      return false;
    }
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean isLiteral(String address) {
    return !address.isEmpty()
        && (address.indexOf(':') >= 0
            || address.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
  }
}
