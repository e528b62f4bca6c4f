package dev.mcpinspector.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpinspector.core.elicitation.ElicitationRequest;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.elicitation.SamplingAction;
import dev.mcpinspector.core.elicitation.SamplingRequest;
import dev.mcpinspector.core.elicitation.SamplingResponse;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.outbound.OutboundDecision;
import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.outbound.OutboundRefusal;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.mcp.engine.ConnectionEvents;
import dev.mcpinspector.mcp.engine.HttpTarget;
import dev.mcpinspector.mcp.engine.LogText;
import dev.mcpinspector.mcp.engine.McpConnection;
import dev.mcpinspector.mcp.engine.McpFailure;
import dev.mcpinspector.mcp.engine.OutboundHttp;
import dev.mcpinspector.mcp.engine.PendingCall;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.client.transport.customizer.McpAsyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The {@link McpClientManager} implementation. Thread-safe. */
final class DefaultMcpClientManager implements McpClientManager {

  private static final Logger log = LoggerFactory.getLogger(DefaultMcpClientManager.class);

  private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {};

  /** Slack on top of the SDK's own timeouts, so a stuck SDK cannot block a caller forever. */
  private static final Duration BLOCK_SLACK = Duration.ofSeconds(5);

  private final SessionId session;
  private final McpClientConfig config;
  private final OutboundPolicy policy;
  private final McpEventSinks sinks;
  private final OutboundHttp http;
  private final boolean ownsHttp;
  private final McpJsonMapper mapper = McpJsonDefaults.getMapper();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /** The longest a caller waits for an engine call: request time plus the user's answer time. */
  private static final Duration USER_SLACK = Duration.ofMinutes(16);

  private final Object lock = new Object();
  private final Map<String, ServerConnection> servers = new LinkedHashMap<>();
  private boolean closed;

  DefaultMcpClientManager(
      SessionId session,
      McpClientConfig config,
      OutboundPolicy policy,
      McpEventSinks sinks,
      OutboundHttp http,
      boolean ownsHttp) {
    this.session = session;
    this.config = config;
    this.policy = policy;
    this.sinks = sinks;
    this.http = http;
    this.ownsHttp = ownsHttp;
  }

  @Override
  public List<ServerView> listServers() {
    List<ServerConnection> all;
    synchronized (lock) {
      all = new ArrayList<>(servers.values());
    }
    List<ServerView> views = new ArrayList<>(all.size());
    for (ServerConnection c : all) {
      views.add(c.view(mapper));
    }
    return views;
  }

  @Override
  public ServerView server(String serverId) {
    return connection(serverId).view(mapper);
  }

  @Override
  public ServerView addServer(ServerSpec spec) {
    if (spec == null) {
      throw new McpManagerException(ProblemCode.BAD_REQUEST, "a server spec is required");
    }
    spec.validate();
    URI uri = null;
    if (spec.transport() == ServerTransport.STDIO) {
      refuseUnlessAllowed(policy.checkStdio());
    } else {
      refuseUnlessAllowed(policy.checkHeaders(spec.headers()));
      OutboundDecision d = policy.checkUrl(spec.url());
      refuseUnlessAllowed(d);
      uri = d.uri();
    }
    ServerConnection conn = new ServerConnection(spec);
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("this client manager is closed: its session ended");
      }
      if (servers.containsKey(spec.id())) {
        throw new McpManagerException(
            ProblemCode.SERVER_EXISTS,
            "server id '"
                + spec.id()
                + "' is already in use in this session; remove it first or choose another id");
      }
      int max = policy.config().maxServersPerSession();
      if (servers.size() >= max) {
        throw new McpManagerException(
            ProblemCode.SERVER_LIMIT,
            "this session already has "
                + servers.size()
                + " servers, the maximum (INSPECTOR_MAX_SERVERS_PER_SESSION="
                + max
                + "); remove one first");
      }
      servers.put(spec.id(), conn);
    }
    return connect(conn, uri);
  }

  private ServerView connect(ServerConnection conn, URI uri) {
    if (conn.spec().transport() == ServerTransport.STREAMABLE_HTTP) {
      return connectEngine(conn, uri);
    }
    String id = conn.spec().id();
    McpAsyncClient client;
    try {
      client = buildClient(conn, uri);
    } catch (RuntimeException e) {
      McpManagerException m = translate(id, "connect", e, config.connectTimeout());
      conn.failed(m.getMessage());
      throw m;
    }
    if (!conn.attach(client)) {
      closeQuietly(id, client);
      throw removedWhileConnecting(id, null);
    }
    McpSchema.InitializeResult result;
    try {
      result =
          Mono.firstWithSignal(client.initialize(), conn.transportFailure())
              .block(config.connectTimeout().plus(BLOCK_SLACK));
    } catch (RuntimeException e) {
      if (conn.isClosed()) {
        throw removedWhileConnecting(id, e);
      }
      McpManagerException m = translate(id, "initialize", e, config.connectTimeout());
      conn.failed(m.getMessage());
      closeQuietly(id, client);
      throw m;
    }
    if (!conn.connected(result)) {
      closeQuietly(id, client);
      throw removedWhileConnecting(id, null);
    }
    log.debug("server {} connected over {}", id, conn.spec().transport().wireName());
    return conn.view(mapper);
  }

  private ServerView connectEngine(ServerConnection conn, URI uri) {
    ServerSpec spec = conn.spec();
    String id = spec.id();
    McpConnection c =
        http.connect(
            new HttpTarget(
                uri,
                spec.headers(),
                spec.protocolVersion(),
                config.clientName(),
                config.clientVersion()),
            new Events(id));
    if (!conn.attach(c)) {
      c.close();
      throw removedWhileConnecting(id, null);
    }
    try {
      c.open(config.connectTimeout())
          .get(
              config.connectTimeout().multipliedBy(2).plus(BLOCK_SLACK).toMillis(),
              TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      c.close();
      if (conn.isClosed()) {
        throw removedWhileConnecting(id, e);
      }
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      McpManagerException m = translateEngine(id, "initialize", cause, config.connectTimeout());
      conn.failed(m.getMessage());
      throw m;
    }
    if (!conn.connectedEngine()) {
      c.close();
      throw removedWhileConnecting(id, null);
    }
    log.debug("server {} connected ({})", id, c.handshake().protocolVersion());
    return conn.view(mapper);
  }

  /** What an engine connection reports, published under this session and the server's id. */
  private final class Events implements ConnectionEvents {
    private final String serverId;

    Events(String serverId) {
      this.serverId = serverId;
    }

    @Override
    public void message(Direction direction, String json) {
      sinks.rpcLog().publish(session, serverId, direction, json);
    }

    @Override
    public void progress(String token, double progress, Double total, String message) {
      sinks.progress().report(session, serverId, token, progress, total, message);
    }

    @Override
    public void notification(String method, JsonNode params) {
      if ("notifications/elicitation/complete".equals(method) && params != null) {
        String elicitationId = params.path("elicitationId").asText("");
        if (!elicitationId.isEmpty()) {
          sinks.elicitation().urlElicitationCompleted(session, serverId, elicitationId);
        }
      }
    }

    @Override
    public boolean answers(String method) {
      return ELICIT.equals(method) || SAMPLE.equals(method);
    }

    @Override
    public JsonNode clientCapabilities() {
      ObjectNode caps = JSON.createObjectNode();
      ObjectNode elicitation = caps.putObject("elicitation");
      elicitation.putObject("form");
      elicitation.putObject("url");
      caps.putObject("sampling");
      return caps;
    }

    @Override
    public CompletableFuture<JsonNode> inputRequest(String method, JsonNode params) {
      if (SAMPLE.equals(method)) {
        String json = params == null || !params.isObject() ? "{}" : params.toString();
        return sinks
            .elicitation()
            .requestSampling(session, serverId, new SamplingRequest(json))
            .thenApply(DefaultMcpClientManager::toSamplingJson);
      }
      String message = params == null ? "" : params.path("message").asText("");
      if (params != null && "url".equals(params.path("mode").asText(""))) {
        // The URL is only shown to the user; neither the inspector nor the page fetches it.
        ElicitationRequest request =
            ElicitationRequest.url(
                message, params.path("url").asText(""), params.path("elicitationId").asText(""));
        return sinks
            .elicitation()
            .request(session, serverId, request)
            .thenApply(r -> actionOnly(r.action().name()));
      }
      JsonNode schema = params == null ? null : params.get("requestedSchema");
      String schemaJson = schema == null || !schema.isObject() ? "{}" : schema.toString();
      return sinks
          .elicitation()
          .request(session, serverId, new ElicitationRequest(message, schemaJson))
          .thenApply(DefaultMcpClientManager::toElicitJson);
    }
  }

  private static final String ELICIT = "elicitation/create";
  private static final String SAMPLE = "sampling/createMessage";

  private static JsonNode actionOnly(String action) {
    ObjectNode out = JSON.createObjectNode();
    out.put("action", action.toLowerCase(java.util.Locale.ROOT));
    return out;
  }

  private static JsonNode toSamplingJson(SamplingResponse r) {
    if (r.action() != SamplingAction.APPROVE) {
      // No model is called: a refusal or a dismissal is an error for the server.
      throw new McpFailure(
          McpFailure.Kind.ERROR_RESPONSE,
          r.action() == SamplingAction.REJECT
              ? "User rejected sampling request"
              : "Sampling request cancelled",
          -1,
          null);
    }
    try {
      JsonNode result = JSON.readTree(r.resultJson());
      if (result == null || !result.isObject()) {
        throw new McpFailure(
            McpFailure.Kind.ERROR_RESPONSE, "the sampling reply is not an object", -32603, null);
      }
      return result;
    } catch (IOException e) {
      throw new McpFailure(
          McpFailure.Kind.ERROR_RESPONSE, "the sampling reply is not JSON", -32603, e);
    }
  }

  private static JsonNode toElicitJson(ElicitationResponse r) {
    ObjectNode out = JSON.createObjectNode();
    switch (r.action()) {
      case ACCEPT:
        out.put("action", "accept");
        try {
          JsonNode content = JSON.readTree(r.contentJson() == null ? "{}" : r.contentJson());
          out.set(
              "content",
              content == null || !content.isObject() ? JSON.createObjectNode() : content);
        } catch (IOException e) {
          throw new IllegalArgumentException("the elicitation answer is not a JSON object", e);
        }
        return out;
      case DECLINE:
        out.put("action", "decline");
        return out;
      case CANCEL:
      default:
        out.put("action", "cancel");
        return out;
    }
  }

  /** Runs one request over the engine and waits for its answer (the SDK-shaped sync API). */
  private Map<String, Object> engineCall(
      ServerConnection conn, McpConnection c, String method, ObjectNode params) {
    String id = conn.spec().id();
    PendingCall pc = c.call(method, params, config.requestTimeout());
    JsonNode result;
    try {
      result =
          pc.result()
              .get(config.requestTimeout().plus(USER_SLACK).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      pc.cancel("the inspector is shutting down");
      Thread.currentThread().interrupt();
      throw new McpManagerException(
          ProblemCode.UPSTREAM_FAILED, "server '" + id + "': " + method + " was interrupted", e);
    } catch (TimeoutException e) {
      pc.cancel("timed out");
      throw timedOut(id, method, config.requestTimeout(), e);
    } catch (ExecutionException e) {
      if (conn.isClosed()) {
        throw new McpManagerException(
            ProblemCode.UPSTREAM_FAILED,
            "server '" + id + "' was disconnected during " + method,
            e.getCause());
      }
      throw translateEngine(id, method, e.getCause(), config.requestTimeout());
    }
    return JSON.convertValue(result, OBJECT);
  }

  /** Maps engine failures by kind (never by message text) to problem codes. */
  static McpManagerException translateEngine(String id, String op, Throwable e, Duration timeout) {
    McpFailure f = McpFailure.find(e);
    if (f == null) {
      String why = e == null ? "unknown" : LogText.safe(String.valueOf(e.getMessage()));
      return new McpManagerException(
          ProblemCode.UPSTREAM_FAILED, "server '" + id + "' failed during " + op + ": " + why, e);
    }
    switch (f.kind()) {
      case TIMEOUT:
        return timedOut(id, op, timeout, f);
      case REFUSED:
        return new McpManagerException(
            ProblemCode.URL_FORBIDDEN,
            "server '" + id + "': request refused: " + f.getMessage(),
            f);
      case ERROR_RESPONSE:
        return new McpManagerException(
            ProblemCode.UPSTREAM_FAILED,
            "server '" + id + "' answered " + op + " with " + f.getMessage(),
            f);
      case CLOSED:
        return new McpManagerException(
            ProblemCode.UPSTREAM_FAILED, "server '" + id + "' was disconnected during " + op, f);
      case CANCELLED:
        return new McpManagerException(
            ProblemCode.UPSTREAM_FAILED, "server '" + id + "': " + op + " was cancelled", f);
      default:
        return new McpManagerException(
            ProblemCode.UPSTREAM_FAILED,
            "server '" + id + "' failed during " + op + ": " + f.getMessage(),
            f);
    }
  }

  private static ObjectNode params() {
    return JSON.createObjectNode();
  }

  private static ObjectNode cursorParams(String cursor) {
    ObjectNode p = params();
    if (cursor != null) {
      p.put("cursor", cursor);
    }
    return p;
  }

  @Override
  public void removeServer(String serverId) {
    ServerConnection conn;
    synchronized (lock) {
      conn = servers.remove(serverId);
    }
    if (conn == null) {
      throw notFound(serverId);
    }
    // One lifecycle for waiting requests: what the server still asks of the user ends with it.
    sinks.elicitation().cancelServer(session, serverId);
    closeAll(List.of(conn));
  }

  @Override
  public Map<String, Object> listTools(String serverId, String cursor) {
    return call(
        serverId, McpSchema.METHOD_TOOLS_LIST, cursorParams(cursor), c -> c.listTools(cursor));
  }

  @Override
  public ToolCallResult callTool(String serverId, String name, Object arguments) {
    requireName("tool", name);
    Map<String, Object> args = object("tool arguments", arguments);
    ServerConnection conn = connection(serverId);
    String token = UUID.randomUUID().toString();
    McpSchema.CallToolRequest request =
        McpSchema.CallToolRequest.builder(name).arguments(args).progressToken(token).build();
    ObjectNode p = params();
    p.put("name", name);
    p.set("arguments", JSON.valueToTree(args));
    p.putObject("_meta").put("progressToken", token);
    Map<String, Object> result =
        call(conn, McpSchema.METHOD_TOOLS_CALL, p, c -> c.callTool(request));
    return new ToolCallResult(result, token);
  }

  @Override
  public Map<String, Object> listResources(String serverId, String cursor) {
    return call(
        serverId,
        McpSchema.METHOD_RESOURCES_LIST,
        cursorParams(cursor),
        c -> c.listResources(cursor));
  }

  @Override
  public Map<String, Object> readResource(String serverId, String uri) {
    if (uri == null || uri.isBlank()) {
      throw new McpManagerException(ProblemCode.BAD_REQUEST, "a resource 'uri' is required");
    }
    ObjectNode p = params();
    p.put("uri", uri);
    return call(
        serverId,
        McpSchema.METHOD_RESOURCES_READ,
        p,
        c -> c.readResource(McpSchema.ReadResourceRequest.builder(uri).build()));
  }

  @Override
  public Map<String, Object> listPrompts(String serverId, String cursor) {
    return call(
        serverId, McpSchema.METHOD_PROMPT_LIST, cursorParams(cursor), c -> c.listPrompts(cursor));
  }

  @Override
  public Map<String, Object> getPrompt(String serverId, String name, Object arguments) {
    requireName("prompt", name);
    Map<String, Object> args = object("prompt arguments", arguments);
    ObjectNode p = params();
    p.put("name", name);
    p.set("arguments", JSON.valueToTree(args));
    return call(
        serverId,
        McpSchema.METHOD_PROMPT_GET,
        p,
        c -> c.getPrompt(McpSchema.GetPromptRequest.builder(name).arguments(args).build()));
  }

  @Override
  public Map<String, Object> ping(String serverId) {
    return call(serverId, McpSchema.METHOD_PING, params(), McpAsyncClient::ping);
  }

  @Override
  public void close() {
    List<ServerConnection> all;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(servers.values());
    }
    closeAll(all);
    if (ownsHttp) {
      http.close();
    }
  }

  // ---------------------------------------------------------------------------------------------

  // sampling is deprecated in 2026-07-28, yet 2025-generation servers still ask for it.
  @SuppressWarnings("deprecation")
  private McpAsyncClient buildClient(ServerConnection conn, URI uri) {
    ServerSpec spec = conn.spec();
    McpClientTransport sdkTransport;
    switch (spec.transport()) {
      case STDIO:
        sdkTransport =
            new StdioClientTransport(
                ServerParameters.builder(spec.command()).args(spec.args()).build(), mapper);
        break;
      case SSE:
        sdkTransport = sseTransport(spec, uri);
        break;
      case STREAMABLE_HTTP:
      default:
        sdkTransport =
            HttpClientStreamableHttpTransport.builder(origin(uri))
                .endpoint(pathAndQuery(uri))
                .jsonMapper(mapper)
                .clientBuilder(httpClientBuilder())
                .connectTimeout(config.connectTimeout())
                .addAsyncHttpRequestCustomizer(requestCustomizer(spec))
                .build();
        break;
    }
    String id = spec.id();
    RecordingTransport transport =
        new RecordingTransport(
            sdkTransport,
            mapper,
            session,
            id,
            sinks.rpcLog(),
            sinks.progress(),
            conn::countInitialize,
            conn::transportFailed);
    // The SDK bounds initialize (and a re-initialize) by its request timeout too: give the SDK
    // the longer of both and enforce the request timeout per call in call().
    Duration sdkTimeout =
        config.requestTimeout().compareTo(config.connectTimeout()) >= 0
            ? config.requestTimeout()
            : config.connectTimeout();
    return McpClient.async(transport)
        .requestTimeout(sdkTimeout)
        .initializationTimeout(config.connectTimeout())
        .clientInfo(
            McpSchema.Implementation.builder(config.clientName(), config.clientVersion()).build())
        .capabilities(
            McpSchema.ClientCapabilities.builder().elicitation(true, true).sampling().build())
        .elicitation(request -> elicit(id, request))
        .urlElicitation(request -> elicitUrl(id, request))
        .elicitationCompleteConsumer(
            n ->
                Mono.fromRunnable(
                    () ->
                        sinks
                            .elicitation()
                            .urlElicitationCompleted(session, id, n.elicitationId())))
        .sampling(request -> sample(id, request))
        .build();
  }

  // The legacy HTTP+SSE transport is deprecated in the SDK, yet older servers only speak it.
  @SuppressWarnings("deprecation")
  private McpClientTransport sseTransport(ServerSpec spec, URI uri) {
    return HttpClientSseClientTransport.builder(origin(uri))
        .sseEndpoint(pathAndQuery(uri))
        .jsonMapper(mapper)
        .clientBuilder(httpClientBuilder())
        .connectTimeout(config.connectTimeout())
        .addAsyncHttpRequestCustomizer(requestCustomizer(spec))
        .build();
  }

  private HttpClient.Builder httpClientBuilder() {
    // Never follow redirects: a redirect could lead to an address the policy refuses.
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(config.connectTimeout());
  }

  /**
   * Adds the user's headers to every request, and re-checks every request URL against the policy
   * (SSE servers name their message endpoint themselves; DNS answers can change between requests).
   */
  private McpAsyncHttpClientRequestCustomizer requestCustomizer(ServerSpec spec) {
    Map<String, String> headers = spec.headers();
    String id = spec.id();
    return (HttpRequest.Builder builder,
        String method,
        URI endpoint,
        String body,
        McpTransportContext context) ->
        Mono.fromCallable(
                () -> {
                  OutboundDecision d = policy.checkUrl(endpoint.toString());
                  if (!d.allowed()) {
                    throw new McpManagerException(
                        toProblemCode(d.refusal()),
                        "server '" + id + "': request refused: " + d.detail());
                  }
                  headers.forEach(builder::header);
                  return builder;
                })
            .subscribeOn(Schedulers.boundedElastic());
  }

  private Mono<McpSchema.ElicitResult> elicit(String serverId, McpSchema.ElicitFormRequest req) {
    String schema;
    try {
      schema =
          mapper.writeValueAsString(
              req.requestedSchema() == null ? Map.of() : req.requestedSchema());
    } catch (IOException e) {
      return Mono.error(e);
    }
    // The broker owns the routing: this connection's closure carries (session, serverId), and the
    // broker gives the user an unguessable request id of its own.
    return Mono.fromFuture(
            () ->
                sinks
                    .elicitation()
                    .request(session, serverId, new ElicitationRequest(req.message(), schema)))
        .map(this::toElicitResult);
  }

  private Mono<McpSchema.ElicitResult> elicitUrl(String serverId, McpSchema.ElicitUrlRequest req) {
    // The URL is only shown to the user; neither the inspector nor the page fetches it.
    ElicitationRequest request =
        ElicitationRequest.url(
            req.message() == null ? "" : req.message(),
            req.url() == null ? "" : req.url(),
            req.elicitationId() == null ? "" : req.elicitationId());
    return Mono.fromFuture(() -> sinks.elicitation().request(session, serverId, request))
        .map(
            r ->
                new McpSchema.ElicitResult(
                    switch (r.action()) {
                      case ACCEPT -> McpSchema.ElicitResult.Action.ACCEPT;
                      case DECLINE -> McpSchema.ElicitResult.Action.DECLINE;
                      case CANCEL -> McpSchema.ElicitResult.Action.CANCEL;
                    },
                    null));
  }

  private Mono<McpSchema.CreateMessageResult> sample(
      String serverId, McpSchema.CreateMessageRequest req) {
    SamplingRequest request;
    try {
      request = new SamplingRequest(mapper.writeValueAsString(req));
    } catch (IOException e) {
      return Mono.error(e);
    }
    return Mono.fromFuture(() -> sinks.elicitation().requestSampling(session, serverId, request))
        .flatMap(
            r -> {
              if (r.action() != SamplingAction.APPROVE) {
                // No model is called: a refusal or a dismissal is an error for the server.
                return Mono.error(
                    McpError.builder(-1)
                        .message(
                            r.action() == SamplingAction.REJECT
                                ? "User rejected sampling request"
                                : "Sampling request cancelled")
                        .build());
              }
              try {
                return Mono.just(
                    mapper.readValue(r.resultJson(), McpSchema.CreateMessageResult.class));
              } catch (IOException e) {
                return Mono.error(e);
              }
            });
  }

  private McpSchema.ElicitResult toElicitResult(ElicitationResponse r) {
    switch (r.action()) {
      case ACCEPT:
        Map<String, Object> content;
        try {
          content = mapper.readValue(r.contentJson(), MAP);
        } catch (IOException e) {
          throw new IllegalArgumentException("the elicitation answer is not a JSON object", e);
        }
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, content);
      case DECLINE:
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.DECLINE, null);
      case CANCEL:
      default:
        return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.CANCEL, null);
    }
  }

  private <T> Map<String, Object> call(
      String serverId, String method, ObjectNode params, Function<McpAsyncClient, Mono<T>> op) {
    return call(connection(serverId), method, params, op);
  }

  private <T> Map<String, Object> call(
      ServerConnection conn,
      String method,
      ObjectNode params,
      Function<McpAsyncClient, Mono<T>> op) {
    McpConnection engine = conn.engineIfConnected();
    if (engine != null) {
      return engineCall(conn, engine, method, params);
    }
    McpAsyncClient client = conn.requireConnected();
    String id = conn.spec().id();
    T result;
    try {
      result =
          op.apply(client)
              .timeout(config.requestTimeout())
              .block(config.requestTimeout().plus(BLOCK_SLACK));
    } catch (RuntimeException e) {
      if (conn.isClosed()) {
        throw new McpManagerException(
            ProblemCode.UPSTREAM_FAILED,
            "server '" + id + "' was disconnected during " + method,
            e);
      }
      throw translate(id, method, e, config.requestTimeout());
    }
    if (result == null) {
      return new LinkedHashMap<>();
    }
    return mapper.convertValue(result, MAP);
  }

  private ServerConnection connection(String serverId) {
    synchronized (lock) {
      ServerConnection c = servers.get(serverId);
      if (c == null) {
        throw notFound(serverId);
      }
      return c;
    }
  }

  private void closeAll(List<ServerConnection> conns) {
    List<McpAsyncClient> clients = new ArrayList<>();
    for (ServerConnection c : conns) {
      McpAsyncClient client = c.detach();
      McpConnection engine = c.detachEngine();
      if (engine != null) {
        engine.close();
      }
      if (client != null) {
        clients.add(client);
      }
    }
    if (clients.isEmpty()) {
      return;
    }
    List<Mono<Void>> graceful = new ArrayList<>();
    for (McpAsyncClient c : clients) {
      graceful.add(c.closeGracefully().onErrorResume(e -> Mono.empty()));
    }
    try {
      Mono.when(graceful)
          .timeout(config.closeTimeout())
          .onErrorResume(e -> Mono.empty())
          .block(config.closeTimeout().plus(BLOCK_SLACK));
    } catch (RuntimeException e) {
      log.debug("graceful close did not finish: {}", e.toString());
    }
    for (McpAsyncClient c : clients) {
      closeQuietly(null, c);
    }
  }

  private static void closeQuietly(String serverId, McpAsyncClient client) {
    try {
      client.close();
    } catch (RuntimeException e) {
      log.debug("closing server {} failed: {}", serverId, e.toString());
    }
  }

  private static void refuseUnlessAllowed(OutboundDecision d) {
    if (!d.allowed()) {
      throw new McpManagerException(toProblemCode(d.refusal()), d.detail());
    }
  }

  private static ProblemCode toProblemCode(OutboundRefusal r) {
    switch (r) {
      case TRANSPORT_FORBIDDEN:
        return ProblemCode.TRANSPORT_FORBIDDEN;
      case URL_FORBIDDEN:
        return ProblemCode.URL_FORBIDDEN;
      case BAD_REQUEST:
      default:
        return ProblemCode.BAD_REQUEST;
    }
  }

  private static McpManagerException notFound(String serverId) {
    return new McpManagerException(
        ProblemCode.SERVER_NOT_FOUND,
        "no server '"
            + (serverId == null ? "null" : ServerSpec.abbreviate(serverId))
            + "' in this session");
  }

  private static McpManagerException removedWhileConnecting(String id, Throwable cause) {
    return new McpManagerException(
        ProblemCode.UPSTREAM_FAILED,
        "server '" + id + "' was disconnected while connecting",
        cause);
  }

  private static void requireName(String what, String name) {
    if (name == null || name.isBlank()) {
      throw new McpManagerException(ProblemCode.BAD_REQUEST, "a " + what + " 'name' is required");
    }
  }

  private static Map<String, Object> object(String what, Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new McpManagerException(
          ProblemCode.BAD_REQUEST,
          what + " must be a JSON object, but was " + ServerSpec.jsonType(value));
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  static McpManagerException translate(String id, String op, Throwable e, Duration timeout) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof McpManagerException m) {
        return m;
      }
      if (t instanceof TimeoutException) {
        return timedOut(id, op, timeout, e);
      }
      if (t instanceof McpError m && m.getJsonRpcError() != null) {
        McpSchema.JSONRPCResponse.JSONRPCError err = m.getJsonRpcError();
        return new McpManagerException(
            ProblemCode.UPSTREAM_FAILED,
            "server '"
                + id
                + "' answered "
                + op
                + " with error "
                + err.code()
                + ": "
                + err.message(),
            e);
      }
    }
    if (e instanceof IllegalStateException
        && e.getMessage() != null
        && e.getMessage().startsWith("Timeout on blocking read")) {
      return timedOut(id, op, timeout, e);
    }
    Throwable root = McpError.findRootCause(e);
    String why = root.getMessage();
    if (why == null || why.isBlank()) {
      // JDK network failures often carry no message; the type alone reads like a stack trace.
      why =
          root instanceof IOException
              ? "the connection failed or was closed (" + root.getClass().getSimpleName() + ")"
              : root.getClass().getSimpleName();
    }
    return new McpManagerException(
        ProblemCode.UPSTREAM_FAILED, "server '" + id + "' failed during " + op + ": " + why, e);
  }

  private static McpManagerException timedOut(String id, String op, Duration t, Throwable e) {
    return new McpManagerException(
        ProblemCode.UPSTREAM_TIMEOUT,
        "server '" + id + "' did not answer " + op + " within " + t,
        e);
  }

  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  static String pathAndQuery(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }
}
