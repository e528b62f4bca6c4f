package dev.mcpinspector.mcp;

import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Wraps the SDK transport of one connection so every JSON-RPC message is published to the RPC log
 * of (session, server): outbound in {@link #sendMessage} (requests, notifications and the client's
 * answers to server requests such as elicitation), inbound in the handler given to {@link #connect}
 * before the client sees it. Progress notifications are taken here too, because the transport sees
 * them in arrival order while the SDK's consumers may not.
 */
final class RecordingTransport implements McpClientTransport {

  private static final Logger log = LoggerFactory.getLogger(RecordingTransport.class);

  private final McpClientTransport delegate;
  private final McpJsonMapper mapper;
  private final SessionId session;
  private final String serverId;
  private final McpEventSinks.RpcSink rpcLog;
  private final McpEventSinks.ProgressSink progress;
  private final Runnable onInitialize;
  private final Consumer<Throwable> onConnectError;

  RecordingTransport(
      McpClientTransport delegate,
      McpJsonMapper mapper,
      SessionId session,
      String serverId,
      McpEventSinks.RpcSink rpcLog,
      McpEventSinks.ProgressSink progress,
      Runnable onInitialize,
      Consumer<Throwable> onConnectError) {
    this.delegate = delegate;
    this.mapper = mapper;
    this.session = session;
    this.serverId = serverId;
    this.rpcLog = rpcLog;
    this.progress = progress;
    this.onInitialize = onInitialize;
    this.onConnectError = onConnectError;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    // The SDK only logs a failed connect (for example a stdio program that cannot start), so the
    // pending initialize would wait for its timeout; report the failure to the manager instead.
    return delegate
        .connect(inbound -> handler.apply(inbound.doOnNext(this::received)))
        .doOnError(onConnectError);
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.defer(
        () -> {
          sent(message);
          return delegate.sendMessage(message);
        });
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }

  private void sent(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest r
        && McpSchema.METHOD_INITIALIZE.equals(r.method())) {
      onInitialize.run();
    }
    publish(Direction.SEND, message);
  }

  private void received(McpSchema.JSONRPCMessage message) {
    publish(Direction.RECEIVE, message);
    if (message instanceof McpSchema.JSONRPCNotification n
        && McpSchema.METHOD_NOTIFICATION_PROGRESS.equals(n.method())) {
      reportProgress(n);
    }
  }

  private void publish(Direction direction, McpSchema.JSONRPCMessage message) {
    try {
      rpcLog.publish(session, serverId, direction, mapper.writeValueAsString(message));
    } catch (Exception e) {
      // The log must never break the connection.
      log.warn("server {}: could not record a {} message: {}", serverId, direction, e.toString());
    }
  }

  private void reportProgress(McpSchema.JSONRPCNotification n) {
    try {
      McpSchema.ProgressNotification p =
          mapper.convertValue(n.params(), McpSchema.ProgressNotification.class);
      if (p.progressToken() == null || p.progress() == null) {
        log.debug("server {}: progress notification without token or progress", serverId);
        return;
      }
      progress.report(
          session,
          serverId,
          String.valueOf(p.progressToken()),
          p.progress(),
          p.total(),
          p.message());
    } catch (RuntimeException e) {
      log.warn("server {}: could not record progress: {}", serverId, e.toString());
    }
  }
}
