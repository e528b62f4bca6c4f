package dev.mcpinspector.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.mcp.engine.McpFailure.Kind;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Streamable HTTP connection that speaks both generations. Every exchange is asynchronous on the
 * shared client; responses are parsed as they arrive (JSON bodies or SSE streams) and each message
 * is dispatched by kind: responses complete their call by id, notifications go to the events,
 * server requests (2025) are answered by separate POSTs.
 */
final class HttpMcpConnection implements McpConnection {

  private static final Logger log = LoggerFactory.getLogger(HttpMcpConnection.class);

  static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
  static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

  /** The most multi-round-trip rounds one call may take. */
  static final int MAX_INPUT_ROUNDS = 8;

  /** How long the user may take to answer an input request before the call fails. */
  static final Duration USER_TIME = Duration.ofMinutes(15);

  private static final long DEFAULT_RETRY_MS = 1000;
  private static final long MAX_RETRY_MS = 30_000;
  private static final int MAX_RECONNECTS = 5;

  private final OutboundHttp http;
  private final HttpTarget target;
  private final ConnectionEvents events;
  private final URI endpoint;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Call> pending = new ConcurrentHashMap<>();
  private final Set<Request> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger initializations = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Handshake handshake;
  private volatile String sessionId;
  private volatile String negotiating;
  private volatile Request getStream;

  HttpMcpConnection(OutboundHttp http, HttpTarget target, ConnectionEvents events) {
    this.http = http;
    this.target = target;
    this.events = events;
    this.endpoint = target.endpoint();
  }

  // ------------------------------------------------------------------------------- negotiation

  @Override
  public CompletableFuture<Handshake> open(Duration timeout) {
    String pin = target.pinnedVersion();
    CompletableFuture<Handshake> result;
    if (pin == null || pin.equals(ProtocolVersions.STATELESS)) {
      result =
          discover(timeout)
              .handle(
                  (h, e) -> {
                    if (e == null) {
                      return CompletableFuture.completedFuture(h);
                    }
                    McpFailure f = McpFailure.find(e);
                    boolean fatal =
                        pin != null
                            || f == null
                            || f.kind() == Kind.TIMEOUT
                            || f.kind() == Kind.REFUSED
                            || f.kind() == Kind.CLOSED;
                    if (fatal) {
                      return CompletableFuture.<Handshake>failedFuture(e);
                    }
                    log.debug(
                        "{} did not take server/discover ({}); trying initialize",
                        endpoint,
                        LogText.safe(f.getMessage()));
                    return initialize(ProtocolVersions.SESSION.get(0), timeout);
                  })
              .thenCompose(x -> x);
    } else {
      result = initialize(pin, timeout);
    }
    return result.thenApply(
        h -> {
          handshake = h;
          if (h.era() == Era.SESSION) {
            openGetStream(null, 0);
          }
          return h;
        });
  }

  private CompletableFuture<Handshake> discover(Duration timeout) {
    negotiating = ProtocolVersions.STATELESS;
    ObjectNode params = JsonText.MAPPER.createObjectNode();
    Call call = new Call("server/discover", params, timeout, Era.STATELESS, true);
    start(call);
    return call.future.thenApply(
        r -> {
          JsonNode versions = r.get("supportedVersions");
          boolean speaks = false;
          List<String> offered = new ArrayList<>();
          if (versions != null && versions.isArray()) {
            for (JsonNode v : versions) {
              offered.add(v.asText());
              speaks |= ProtocolVersions.STATELESS.equals(v.asText());
            }
          } else {
            throw McpFailure.of(
                Kind.PROTOCOL, "the server/discover result has no supportedVersions array");
          }
          if (!speaks) {
            throw McpFailure.of(
                Kind.PROTOCOL,
                "server/discover lists "
                    + LogText.safe(offered.toString())
                    + ", which does not include "
                    + ProtocolVersions.STATELESS);
          }
          JsonNode info = r.path("_meta").get(META_SERVER_INFO);
          if (info == null) {
            info = r.get("serverInfo");
          }
          JsonNode caps = r.get("capabilities");
          initializations.incrementAndGet();
          return new Handshake(
              ProtocolVersions.STATELESS,
              Era.STATELESS,
              info,
              caps,
              r.hasNonNull("instructions") ? r.get("instructions").asText() : null);
        });
  }

  private CompletableFuture<Handshake> initialize(String version, Duration timeout) {
    negotiating = version;
    sessionId = null;
    ObjectNode params = JsonText.MAPPER.createObjectNode();
    params.put("protocolVersion", version);
    params.set("capabilities", events.clientCapabilities());
    params.set("clientInfo", clientInfo());
    Call call = new Call("initialize", params, timeout, Era.SESSION, true);
    start(call);
    return call.future.thenCompose(
        r -> {
          String chosen = r.path("protocolVersion").asText(null);
          if (chosen == null || !ProtocolVersions.SESSION.contains(chosen)) {
            throw McpFailure.of(
                Kind.PROTOCOL,
                "the server chose protocol version '"
                    + LogText.safe(chosen, 40)
                    + "', which this client does not speak (it speaks "
                    + ProtocolVersions.SESSION
                    + ")");
          }
          if (target.pinnedVersion() != null && !chosen.equals(target.pinnedVersion())) {
            throw McpFailure.of(
                Kind.PROTOCOL,
                "the server chose protocol version '"
                    + chosen
                    + "', not the pinned "
                    + target.pinnedVersion());
          }
          negotiating = chosen;
          Handshake h =
              new Handshake(
                  chosen,
                  Era.SESSION,
                  r.get("serverInfo"),
                  r.get("capabilities"),
                  r.hasNonNull("instructions") ? r.get("instructions").asText() : null);
          ObjectNode note = JsonText.MAPPER.createObjectNode();
          note.put("jsonrpc", "2.0");
          note.put("method", "notifications/initialized");
          return sendOneWay(note, chosen)
              .thenApply(
                  x -> {
                    initializations.incrementAndGet();
                    return h;
                  });
        });
  }

  private ObjectNode clientInfo() {
    ObjectNode info = JsonText.MAPPER.createObjectNode();
    info.put("name", target.clientName());
    info.put("version", target.clientVersion());
    return info;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public int initializations() {
    return initializations.get();
  }

  // ------------------------------------------------------------------------------- calls

  @Override
  public PendingCall call(String method, ObjectNode params, Duration timeout) {
    Handshake h = handshake;
    if (h == null) {
      throw new IllegalStateException("the connection is not open");
    }
    Call call = new Call(method, params, timeout, h.era(), false);
    if (closed.get()) {
      call.fail(McpFailure.of(Kind.CLOSED, "the connection is closed"));
      return call;
    }
    start(call);
    return call;
  }

  /** Sends (or re-sends, for another round) a call as a new JSON-RPC request. */
  private void start(Call call) {
    if (call.future.isDone()) {
      return;
    }
    long id = ids.incrementAndGet();
    call.id = id;
    ObjectNode msg = JsonText.MAPPER.createObjectNode();
    msg.put("jsonrpc", "2.0");
    msg.put("id", id);
    msg.put("method", call.method);
    ObjectNode params = call.params == null ? null : call.params.deepCopy();
    if (call.era == Era.STATELESS) {
      if (params == null) {
        params = JsonText.MAPPER.createObjectNode();
      }
      ObjectNode meta = params.withObjectProperty("_meta");
      meta.put(META_VERSION, ProtocolVersions.STATELESS);
      meta.set(META_CAPABILITIES, events.clientCapabilities());
      meta.set(META_CLIENT_INFO, clientInfo());
      if (call.inputResponses != null) {
        params.set("inputResponses", call.inputResponses);
        if (call.requestState != null) {
          params.put("requestState", call.requestState);
        } else {
          params.remove("requestState");
        }
      }
    }
    if (params != null) {
      msg.set("params", params);
    }
    pending.put(Long.toString(id), call);
    call.armTimer();
    byte[] body = write(msg);
    events.message(Direction.SEND, new String(body, StandardCharsets.UTF_8));
    Request req = newRequest(HttpMethod.POST, call.era, call.method, nameOf(call.method, params));
    req.body(new BytesRequestContent("application/json", body));
    call.request = req;
    send(req, new Exchange(call));
  }

  private static String nameOf(String method, ObjectNode params) {
    if (params == null) {
      return null;
    }
    switch (method) {
      case "tools/call":
      case "prompts/get":
        return params.path("name").asText(null);
      case "resources/read":
      case "resources/subscribe":
      case "resources/unsubscribe":
        return params.path("uri").asText(null);
      default:
        return null;
    }
  }

  private Request newRequest(HttpMethod method, Era era, String mcpMethod, String mcpName) {
    Request req = http.client().newRequest(endpoint).method(method);
    req.idleTimeout(USER_TIME.toMillis(), TimeUnit.MILLISECONDS);
    String version = handshake != null ? handshake.protocolVersion() : negotiating;
    String session = sessionId;
    req.headers(
        h -> {
          target.headers().forEach(h::put);
          h.put(
              "Accept",
              method == HttpMethod.GET
                  ? "text/event-stream"
                  : "application/json, text/event-stream");
          if (era == Era.STATELESS) {
            h.put("MCP-Protocol-Version", ProtocolVersions.STATELESS);
            if (mcpMethod != null) {
              h.put("Mcp-Method", mcpMethod);
            }
            if (mcpName != null && isVisibleAscii(mcpName)) {
              h.put("Mcp-Name", mcpName);
            }
          } else {
            if (version != null
                && !"initialize".equals(mcpMethod)
                && !"2025-03-26".equals(version)) {
              h.put("MCP-Protocol-Version", version);
            }
            if (session != null) {
              h.put("Mcp-Session-Id", session);
            }
          }
        });
    return req;
  }

  private static boolean isVisibleAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private void send(Request req, Response.Listener listener) {
    open.add(req);
    if (closed.get()) {
      open.remove(req);
      req.abort(McpFailure.of(Kind.CLOSED, "the connection is closed"));
    }
    // onResponseListener registers every callback of the listener, onComplete included.
    req.onResponseListener(listener);
    req.send(result -> open.remove(req));
  }

  /** Sends a notification or a response; completes when the server accepted it. */
  private CompletableFuture<Void> sendOneWay(ObjectNode msg, String version) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    byte[] body = write(msg);
    events.message(Direction.SEND, new String(body, StandardCharsets.UTF_8));
    Era era = handshake != null ? handshake.era() : ProtocolVersions.eraOf(version);
    Request req = newRequest(HttpMethod.POST, era, msg.path("method").asText(null), null);
    req.body(new BytesRequestContent("application/json", body));
    req.idleTimeout(30, TimeUnit.SECONDS);
    req.timeout(30, TimeUnit.SECONDS);
    send(
        req,
        new Response.Listener() {
          @Override
          public void onComplete(Result result) {
            if (result.isFailed()) {
              done.completeExceptionally(transportFailure(result.getFailure()));
            } else if (result.getResponse().getStatus() / 100 != 2) {
              done.completeExceptionally(
                  McpFailure.of(
                      Kind.TRANSPORT,
                      "HTTP " + result.getResponse().getStatus() + " for a notification"));
            } else {
              done.complete(null);
            }
          }
        });
    return done;
  }

  private static byte[] write(JsonNode node) {
    try {
      return JsonText.MAPPER.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  // ------------------------------------------------------------------------------- inbound

  /** Parses and dispatches one inbound message; {@code owner} is the call whose stream held it. */
  private void dispatch(String raw, Call owner) {
    events.message(Direction.RECEIVE, raw);
    JsonNode msg;
    try {
      msg = JsonText.MAPPER.readTree(raw);
    } catch (IOException e) {
      if (owner != null) {
        owner.fail(
            McpFailure.of(
                Kind.PROTOCOL,
                "the server sent a message that is not valid JSON: "
                    + LogText.safe(
                        e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? j.getOriginalMessage()
                            : e.getMessage())));
      }
      return;
    }
    if (msg == null || !msg.isObject()) {
      if (owner != null) {
        owner.fail(
            McpFailure.of(
                Kind.PROTOCOL, "the server sent a JSON-RPC message that is not an object"));
      }
      return;
    }
    JsonNode method = msg.get("method");
    JsonNode id = msg.get("id");
    if (method != null && method.isTextual()) {
      if (id != null && !id.isNull()) {
        serverRequest(method.asText(), id, msg.get("params"), owner);
      } else {
        notification(method.asText(), msg.get("params"));
      }
      return;
    }
    if (id == null || id.isNull()) {
      if (owner != null && msg.has("error")) {
        owner.fail(rpcError(msg.get("error")));
      }
      return;
    }
    Call call = pending.get(id.asText());
    if (call == null || call.id != id.asLong(-1)) {
      return;
    }
    pending.remove(id.asText(), call);
    if (msg.has("error")) {
      call.fail(rpcError(msg.get("error")));
      return;
    }
    JsonNode result = msg.get("result");
    if (result == null || !result.isObject()) {
      call.fail(McpFailure.of(Kind.PROTOCOL, "the response has no result object"));
      return;
    }
    result(call, (ObjectNode) result);
  }

  private static McpFailure rpcError(JsonNode error) {
    int code = error.path("code").asInt(0);
    String message = error.path("message").asText("");
    return new McpFailure(
        Kind.ERROR_RESPONSE, "error " + code + ": " + LogText.safe(message), code, null);
  }

  private void result(Call call, ObjectNode result) {
    if (call.handshake || call.era == Era.SESSION) {
      call.complete(result);
      return;
    }
    JsonNode type = result.get("resultType");
    if (type == null || !type.isTextual()) {
      call.fail(
          McpFailure.of(
              Kind.PROTOCOL,
              "the result has no resultType (required by " + ProtocolVersions.STATELESS + ")"));
      return;
    }
    switch (type.asText()) {
      case "complete":
        call.complete(result);
        return;
      case "input_required":
        inputRequired(call, result);
        return;
      default:
        call.fail(
            McpFailure.of(
                Kind.PROTOCOL,
                "the result has resultType '"
                    + LogText.safe(type.asText(), 40)
                    + "'; expected complete or input_required"));
    }
  }

  private void inputRequired(Call call, ObjectNode result) {
    if (++call.rounds > MAX_INPUT_ROUNDS) {
      call.fail(
          McpFailure.of(
              Kind.PROTOCOL,
              "the server asked for input more than " + MAX_INPUT_ROUNDS + " times in one call"));
      return;
    }
    JsonNode requests = result.get("inputRequests");
    JsonNode state = result.get("requestState");
    if ((requests == null || !requests.isObject() || requests.isEmpty())
        && (state == null || !state.isTextual())) {
      call.fail(
          McpFailure.of(
              Kind.PROTOCOL,
              "an input_required result has neither inputRequests nor requestState"));
      return;
    }
    ObjectNode responses = JsonText.MAPPER.createObjectNode();
    List<CompletableFuture<Void>> answers = new ArrayList<>();
    if (requests != null && requests.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = requests.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        JsonNode req = e.getValue();
        String method = req.path("method").asText(null);
        if (method == null || !events.answers(method)) {
          call.fail(
              McpFailure.of(
                  Kind.PROTOCOL,
                  "the server asked for input of kind '"
                      + LogText.safe(method, 60)
                      + "', which this client does not answer"));
          return;
        }
        answers.add(
            events
                .inputRequest(method, req.get("params"))
                .thenAccept(
                    r -> {
                      synchronized (responses) {
                        responses.set(key, r);
                      }
                    }));
      }
    }
    call.waitingOnUser(true);
    CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0]))
        .whenComplete(
            (x, e) -> {
              call.waitingOnUser(false);
              if (e != null) {
                McpFailure f = McpFailure.find(e);
                call.fail(f != null ? f : McpFailure.of(Kind.TRANSPORT, String.valueOf(e)));
                return;
              }
              call.inputResponses = responses;
              call.requestState = state != null && state.isTextual() ? state.asText() : null;
              start(call);
            });
  }

  private void notification(String method, JsonNode params) {
    if ("notifications/progress".equals(method) && params != null) {
      JsonNode token = params.get("progressToken");
      JsonNode progress = params.get("progress");
      if (token != null && progress != null && progress.isNumber()) {
        JsonNode total = params.get("total");
        JsonNode message = params.get("message");
        events.progress(
            token.asText(),
            progress.asDouble(),
            total != null && total.isNumber() ? total.asDouble() : null,
            message != null && message.isTextual() ? message.asText() : null);
      }
    }
    events.notification(method, params);
  }

  /** A 2025 server-to-client request: answered by a separate POST. */
  private void serverRequest(String method, JsonNode id, JsonNode params, Call owner) {
    if ("ping".equals(method)) {
      respond(id, JsonText.MAPPER.createObjectNode(), null);
      return;
    }
    if (!events.answers(method)) {
      ObjectNode err = JsonText.MAPPER.createObjectNode();
      err.put("code", -32601);
      err.put("message", "Method not found: this client does not answer " + method);
      respond(id, null, err);
      return;
    }
    if (owner != null) {
      owner.waitingOnUser(true);
    }
    events
        .inputRequest(method, params)
        .whenComplete(
            (r, e) -> {
              if (owner != null) {
                owner.waitingOnUser(false);
              }
              if (e != null) {
                ObjectNode err = JsonText.MAPPER.createObjectNode();
                McpFailure f = McpFailure.find(e);
                err.put("code", f != null && f.rpcCode() != null ? f.rpcCode() : -32603);
                err.put(
                    "message", f != null ? f.getMessage() : "the request could not be answered");
                respond(id, null, err);
              } else {
                respond(id, r, null);
              }
            });
  }

  private void respond(JsonNode id, JsonNode result, JsonNode error) {
    if (closed.get()) {
      return;
    }
    ObjectNode msg = JsonText.MAPPER.createObjectNode();
    msg.put("jsonrpc", "2.0");
    msg.set("id", id);
    if (error != null) {
      msg.set("error", error);
    } else {
      msg.set("result", result);
    }
    String version = handshake != null ? handshake.protocolVersion() : negotiating;
    sendOneWay(msg, version)
        .exceptionally(
            e -> {
              log.debug("{}: answering a server request failed: {}", endpoint, e.toString());
              return null;
            });
  }

  // ------------------------------------------------------------------------------- streams

  /** The 2025 GET stream: server messages outside any request; resumed with Last-Event-ID. */
  private void openGetStream(String lastEventId, int attempt) {
    if (closed.get() || sessionId == null) {
      return;
    }
    Request req = newRequest(HttpMethod.GET, Era.SESSION, null, null);
    if (lastEventId != null) {
      req.headers(h -> h.put("Last-Event-ID", lastEventId));
    }
    getStream = req;
    send(req, new StreamListener(null, lastEventId, attempt));
  }

  private void resume(Call call, String lastEventId, long retryMs, int attempt) {
    Scheduler scheduler = http.client().getScheduler();
    scheduler.schedule(
        () -> {
          if (closed.get() || call.future.isDone()) {
            return;
          }
          Request req = newRequest(HttpMethod.GET, Era.SESSION, null, null);
          req.headers(h -> h.put("Last-Event-ID", lastEventId));
          call.request = req;
          send(req, new StreamListener(call, lastEventId, attempt));
        },
        retryMs,
        TimeUnit.MILLISECONDS);
  }

  /** Receives one HTTP response: a JSON body or an SSE stream, bounded in size and budget. */
  private abstract class BodyListener implements Response.Listener {
    final Call owner;
    boolean sse;
    boolean json;
    int status;
    byte[] body;
    int length;
    long reserved;
    SseParser parser;
    long retryMs = -1;
    boolean sawEvent;
    McpFailure failure;

    BodyListener(Call owner) {
      this.owner = owner;
    }

    @Override
    public void onHeaders(Response response) {
      status = response.getStatus();
      String type = response.getHeaders().get("Content-Type");
      String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
      sse = t.startsWith("text/event-stream");
      json = t.startsWith("application/json") || t.endsWith("+json");
      if (sse && status == 200) {
        parser =
            new SseParser(
                new SseParser.Sink() {
                  @Override
                  public void event(String event, String data, String id) {
                    sawEvent = true;
                    releaseAll();
                    if ("message".equals(event) && !data.isBlank()) {
                      dispatch(data, owner);
                    }
                  }

                  @Override
                  public void retry(long millis) {
                    retryMs = Math.min(millis, MAX_RETRY_MS);
                  }
                },
                http.maxResponseBytes());
      }
      headers(response);
    }

    void headers(Response response) {}

    @Override
    public void onContent(Response response, ByteBuffer content) {
      if (failure != null) {
        return;
      }
      int n = content.remaining();
      if (!http.budget().tryReserve(n)) {
        abort(
            response,
            McpFailure.of(
                Kind.TRANSPORT,
                "the inspector already holds its maximum of "
                    + http.maxBytesInFlight()
                    + " bytes of upstream answers in memory; try again later"));
        return;
      }
      reserved += n;
      if (parser != null) {
        try {
          parser.feed(content);
        } catch (SseParser.TooLargeException e) {
          abort(response, McpFailure.of(Kind.TRANSPORT, e.getMessage()));
        }
        return;
      }
      if (length + (long) n > http.maxResponseBytes()) {
        abort(
            response,
            McpFailure.of(
                Kind.TRANSPORT,
                "the answer exceeds the limit of "
                    + http.maxResponseBytes()
                    + " bytes ("
                    + OutboundHttp.MAX_RESPONSE_BYTES_KEY
                    + ")"));
        return;
      }
      if (body == null) {
        long hint = response.getHeaders().getLongField("Content-Length");
        int initial = hint > 0 && hint <= http.maxResponseBytes() ? (int) hint : Math.max(n, 8192);
        body = new byte[Math.max(initial, n)];
      } else if (length + n > body.length) {
        long grown =
            Math.min(http.maxResponseBytes(), Math.max(length + (long) n, body.length * 2L));
        body = java.util.Arrays.copyOf(body, (int) grown);
      }
      content.get(body, length, n);
      length += n;
    }

    void abort(Response response, McpFailure f) {
      failure = f;
      response.abort(f);
    }

    void releaseAll() {
      if (parser != null) {
        long keep = parser.bufferedBytes();
        long free = reserved - keep;
        if (free > 0) {
          http.budget().release(free);
          reserved = keep;
        }
        return;
      }
      http.budget().release(reserved);
      reserved = 0;
    }

    String bodyText() {
      return body == null ? "" : new String(body, 0, length, StandardCharsets.UTF_8);
    }
  }

  /** The response to a POSTed request. */
  private final class Exchange extends BodyListener {
    /** The JSON-RPC id this exchange carried; a retry (input responses) sends a new one. */
    private final long sentId;

    Exchange(Call call) {
      super(call);
      this.sentId = call.id;
    }

    @Override
    void headers(Response response) {
      if ("initialize".equals(owner.method)) {
        String sid = response.getHeaders().get("Mcp-Session-Id");
        if (sid != null && isVisibleAscii(sid) && sid.length() <= 1024) {
          sessionId = sid;
        }
      }
    }

    @Override
    public void onComplete(Result result) {
      try {
        complete(result);
      } finally {
        http.budget().release(reserved);
        reserved = 0;
        body = null;
      }
    }

    private void complete(Result result) {
      Call call = owner;
      if (call.id != sentId) {
        // This exchange answered input_required and the call went on with a new request.
        return;
      }
      if (result.isFailed() && status == 0) {
        pending.remove(Long.toString(call.id), call);
        call.fail(failure != null ? failure : transportFailure(result.getFailure()));
        return;
      }
      if (status == 404
          && call.era == Era.SESSION
          && sessionId != null
          && !call.handshake
          && !call.reinitialized
          && handshake != null) {
        // The server dropped our protocol session: negotiate a new one, then send again.
        call.reinitialized = true;
        pending.remove(Long.toString(call.id), call);
        call.cancelTimer();
        initialize(handshake.protocolVersion(), call.timeout)
            .whenComplete(
                (h, e) -> {
                  if (e != null) {
                    call.fail(
                        McpFailure.find(e) != null ? McpFailure.find(e) : transportFailure(e));
                  } else {
                    handshake = h;
                    openGetStream(null, 0);
                    start(call);
                  }
                });
        return;
      }
      if (status / 100 != 2) {
        pending.remove(Long.toString(call.id), call);
        McpFailure f = failure;
        if (f == null && json && length > 0) {
          try {
            JsonNode err = JsonText.MAPPER.readTree(body, 0, length);
            if (err != null && err.has("error")) {
              events.message(Direction.RECEIVE, bodyText());
              f = rpcError(err.get("error"));
            }
          } catch (IOException ignored) {
            // not JSON-RPC: report the status
          }
        }
        if (f == null) {
          f =
              McpFailure.of(
                  Kind.TRANSPORT,
                  "HTTP "
                      + status
                      + (status / 100 == 3 ? " (redirects are not followed)" : "")
                      + " from "
                      + endpoint);
        }
        call.fail(f);
        return;
      }
      if (sse && parser != null) {
        // Still pending: the stream ended before the answer (an answered round left pending).
        if (!call.future.isDone() && pending.get(Long.toString(call.id)) == call) {
          pending.remove(Long.toString(call.id), call);
          if (failure != null) {
            call.fail(failure);
          } else if (parser.lastEventId() != null && call.era == Era.SESSION) {
            // SEP-1699: the server closed the stream after a priming event; resume it.
            pending.put(Long.toString(call.id), call);
            resume(call, parser.lastEventId(), retryMs >= 0 ? retryMs : DEFAULT_RETRY_MS, 1);
          } else {
            call.fail(
                result.isFailed()
                    ? transportFailure(result.getFailure())
                    : McpFailure.of(
                        Kind.TRANSPORT, "the server closed the stream before answering"));
          }
        }
        return;
      }
      if (failure != null) {
        pending.remove(Long.toString(call.id), call);
        call.fail(failure);
        return;
      }
      if (result.isFailed()) {
        pending.remove(Long.toString(call.id), call);
        call.fail(transportFailure(result.getFailure()));
        return;
      }
      if (status == 202 || length == 0) {
        pending.remove(Long.toString(call.id), call);
        call.fail(McpFailure.of(Kind.PROTOCOL, "the server answered a request with no body"));
        return;
      }
      if (!json) {
        pending.remove(Long.toString(call.id), call);
        call.fail(
            McpFailure.of(
                Kind.PROTOCOL,
                "the server answered with content type '"
                    + LogText.safe(result.getResponse().getHeaders().get("Content-Type"), 60)
                    + "', not JSON or an event stream"));
        return;
      }
      String text = bodyText();
      body = null;
      dispatch(text, call);
      if (!call.future.isDone()
          && call.id == sentId
          && pending.get(Long.toString(call.id)) == call) {
        pending.remove(Long.toString(call.id), call);
        call.fail(McpFailure.of(Kind.PROTOCOL, "the server's answer does not answer the request"));
      }
    }
  }

  /** A GET stream: the session stream, or a resumed request stream. */
  private final class StreamListener extends BodyListener {
    private final String lastEventId;
    private final int attempt;

    StreamListener(Call owner, String lastEventId, int attempt) {
      super(owner);
      this.lastEventId = lastEventId;
      this.attempt = attempt;
    }

    @Override
    public void onComplete(Result result) {
      http.budget().release(reserved);
      reserved = 0;
      if (closed.get()) {
        return;
      }
      String last =
          parser != null && parser.lastEventId() != null ? parser.lastEventId() : lastEventId;
      boolean ok = status == 200 && sse;
      if (owner == null) {
        if (status == 405 || (!ok && attempt >= MAX_RECONNECTS)) {
          return; // the server offers no GET stream
        }
        int next = sawEvent ? 0 : attempt + 1;
        if (next > MAX_RECONNECTS) {
          return;
        }
        long delay = retryMs >= 0 ? retryMs : DEFAULT_RETRY_MS * Math.max(1, next);
        http.client()
            .getScheduler()
            .schedule(() -> openGetStream(last, next), delay, TimeUnit.MILLISECONDS);
        return;
      }
      if (owner.future.isDone()) {
        return;
      }
      if (!ok || last == null || attempt >= MAX_RECONNECTS) {
        pending.remove(Long.toString(owner.id), owner);
        owner.fail(
            failure != null
                ? failure
                : McpFailure.of(
                    Kind.TRANSPORT,
                    "the server's stream ended before answering"
                        + (ok ? "" : " (resuming it got HTTP " + status + ")")));
        return;
      }
      resume(owner, last, retryMs >= 0 ? retryMs : DEFAULT_RETRY_MS, sawEvent ? 1 : attempt + 1);
    }
  }

  private McpFailure transportFailure(Throwable t) {
    McpFailure f = McpFailure.find(t);
    if (f != null) {
      return f;
    }
    for (Throwable x = t; x != null; x = x.getCause()) {
      if (x instanceof PolicyResolver.ConnectRefusedException r) {
        return new McpFailure(Kind.REFUSED, r.getMessage(), null, null);
      }
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String why = root.getMessage();
    if (why == null || why.isBlank()) {
      why = "the connection failed or was closed (" + root.getClass().getSimpleName() + ")";
    } else {
      why = LogText.safe(why);
    }
    return new McpFailure(Kind.TRANSPORT, why, null, t);
  }

  // ------------------------------------------------------------------------------- close

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    McpFailure closing = McpFailure.of(Kind.CLOSED, "the connection was closed");
    for (Call c : new ArrayList<>(pending.values())) {
      c.fail(closing);
    }
    pending.clear();
    for (Request r : new ArrayList<>(open)) {
      r.abort(closing);
    }
    String sid = sessionId;
    if (sid != null && handshake != null) {
      Request del = http.client().newRequest(endpoint).method(HttpMethod.DELETE);
      del.headers(
          h -> {
            target.headers().forEach(h::put);
            h.put("Mcp-Session-Id", sid);
            if (!"2025-03-26".equals(handshake.protocolVersion())) {
              h.put("MCP-Protocol-Version", handshake.protocolVersion());
            }
          });
      del.timeout(3, TimeUnit.SECONDS);
      del.send(r -> {});
    }
  }

  // ------------------------------------------------------------------------------- one call

  /** One logical call across its rounds (each round is a new JSON-RPC request). */
  private final class Call implements PendingCall {
    final String method;
    final ObjectNode params;
    final Duration timeout;
    final Era era;
    final boolean handshake;
    final CompletableFuture<JsonNode> future = new CompletableFuture<>();
    volatile long id;
    volatile Request request;
    volatile ObjectNode inputResponses;
    volatile String requestState;
    int rounds;
    boolean reinitialized;
    private Scheduler.Task timer;
    private int waiting;

    Call(String method, ObjectNode params, Duration timeout, Era era, boolean handshake) {
      this.method = method;
      this.params = params;
      this.timeout = timeout;
      this.era = era;
      this.handshake = handshake;
    }

    @Override
    public CompletableFuture<JsonNode> result() {
      return future;
    }

    synchronized void armTimer() {
      if (timer != null) {
        timer.cancel();
      }
      if (waiting > 0) {
        timer = null;
        return;
      }
      timer =
          http.client()
              .getScheduler()
              .schedule(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void cancelTimer() {
      if (timer != null) {
        timer.cancel();
        timer = null;
      }
    }

    /** While the user is being asked, the request timeout does not run; it restarts after. */
    void waitingOnUser(boolean on) {
      synchronized (this) {
        waiting += on ? 1 : -1;
        if (on) {
          cancelTimer();
          return;
        }
        if (waiting > 0 || future.isDone()) {
          return;
        }
      }
      armTimer();
    }

    private void timedOut() {
      McpFailure f = McpFailure.of(Kind.TIMEOUT, "no answer within " + timeout);
      if (fail(f)) {
        tellServer("the request timed out");
      }
    }

    @Override
    public boolean cancel(String reason) {
      boolean done = fail(McpFailure.of(Kind.CANCELLED, "the call was cancelled"));
      if (done) {
        tellServer(reason == null ? "cancelled by the user" : reason);
      }
      return done;
    }

    private void tellServer(String reason) {
      pending.remove(Long.toString(id), this);
      Request r = request;
      if (era == Era.SESSION && !handshake && !closed.get()) {
        ObjectNode note = JsonText.MAPPER.createObjectNode();
        note.put("jsonrpc", "2.0");
        note.put("method", "notifications/cancelled");
        ObjectNode p = note.putObject("params");
        p.put("requestId", id);
        p.put("reason", reason);
        sendOneWay(note, HttpMcpConnection.this.handshake.protocolVersion())
            .exceptionally(e -> null);
      }
      if (r != null) {
        r.abort(McpFailure.of(Kind.CANCELLED, reason));
      }
    }

    void complete(JsonNode result) {
      cancelTimer();
      future.complete(result);
    }

    boolean fail(McpFailure f) {
      cancelTimer();
      return future.completeExceptionally(f);
    }
  }
}
