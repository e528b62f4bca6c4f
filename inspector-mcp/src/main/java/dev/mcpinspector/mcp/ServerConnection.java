package dev.mcpinspector.mcp;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.mcp.engine.Handshake;
import dev.mcpinspector.mcp.engine.McpConnection;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One named server of a manager and its state. The client is attached under the lock and a close
 * detaches it under the same lock, so a client attached or initialized after a close is noticed by
 * the connecting thread, which then closes it: no live client outlives a close.
 */
final class ServerConnection {

  private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {};

  private final ServerSpec spec;
  private final AtomicInteger initializations = new AtomicInteger();
  private final Sinks.One<McpSchema.InitializeResult> transportFailure = Sinks.one();
  private final Object lock = new Object();
  private ServerStatus status = ServerStatus.CONNECTING;
  private String error;
  private McpAsyncClient client;
  private McpConnection engine;
  private McpSchema.InitializeResult initializeResult;
  private boolean closed;

  ServerConnection(ServerSpec spec) {
    this.spec = spec;
  }

  ServerSpec spec() {
    return spec;
  }

  void countInitialize() {
    initializations.incrementAndGet();
  }

  void transportFailed(Throwable error) {
    transportFailure.tryEmitError(error);
  }

  /** Signals only when the transport failed to connect, with that error. */
  Mono<McpSchema.InitializeResult> transportFailure() {
    return transportFailure.asMono();
  }

  /** Returns false when the connection was closed already; the caller must close the client. */
  boolean attach(McpAsyncClient c) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      client = c;
      return true;
    }
  }

  /** Returns false when the connection was closed already; the caller must close it. */
  boolean attach(McpConnection c) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      engine = c;
      return true;
    }
  }

  /** Returns false when the connection was closed meanwhile; the caller must close it. */
  boolean connectedEngine() {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      status = ServerStatus.CONNECTED;
      return true;
    }
  }

  /** Marks the connection closed and hands back its engine connection, if any. */
  McpConnection detachEngine() {
    synchronized (lock) {
      closed = true;
      status = ServerStatus.DISCONNECTED;
      McpConnection c = engine;
      engine = null;
      return c;
    }
  }

  /**
   * The engine connection when this server is connected through the engine; null when it is
   * connected through the SDK.
   */
  McpConnection engineIfConnected() {
    synchronized (lock) {
      if (status == ServerStatus.CONNECTED && engine != null) {
        return engine;
      }
      if (status == ServerStatus.CONNECTED && client != null) {
        return null;
      }
      String why = error == null ? "" : ": " + error;
      throw new McpManagerException(
          ProblemCode.UPSTREAM_FAILED,
          "server '" + spec.id() + "' is " + status.wireName() + ", not connected" + why);
    }
  }

  /** Returns false when the connection was closed meanwhile; the caller must close the client. */
  boolean connected(McpSchema.InitializeResult result) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      status = ServerStatus.CONNECTED;
      initializeResult = result;
      return true;
    }
  }

  void failed(String message) {
    synchronized (lock) {
      if (!closed) {
        status = ServerStatus.FAILED;
        error = message;
        client = null;
        engine = null;
      }
    }
  }

  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** Marks the connection closed and hands back its client, if any, for the caller to close. */
  McpAsyncClient detach() {
    synchronized (lock) {
      closed = true;
      status = ServerStatus.DISCONNECTED;
      McpAsyncClient c = client;
      client = null;
      return c;
    }
  }

  McpAsyncClient requireConnected() {
    synchronized (lock) {
      if (status == ServerStatus.CONNECTED && client != null) {
        return client;
      }
      String why = error == null ? "" : ": " + error;
      throw new McpManagerException(
          ProblemCode.UPSTREAM_FAILED,
          "server '" + spec.id() + "' is " + status.wireName() + ", not connected" + why);
    }
  }

  ServerView view(McpJsonMapper mapper) {
    McpSchema.InitializeResult init;
    ServerStatus s;
    String e;
    McpConnection eng;
    synchronized (lock) {
      s = status;
      e = error;
      init = initializeResult;
      eng = engine;
      if (client != null && client.getCurrentInitializationResult() != null) {
        init = client.getCurrentInitializationResult();
      }
    }
    String url = spec.transport() == ServerTransport.STDIO ? null : spec.url();
    if (eng != null) {
      Handshake h = eng.handshake();
      return new ServerView(
          spec.id(),
          url,
          spec.transport(),
          s,
          e,
          h == null || h.serverInfo() == null ? null : mapper.convertValue(h.serverInfo(), MAP),
          h == null ? null : h.protocolVersion(),
          h == null || h.capabilities() == null ? null : mapper.convertValue(h.capabilities(), MAP),
          eng.initializations(),
          h == null ? null : h.era().wireName());
    }
    return new ServerView(
        spec.id(),
        url,
        spec.transport(),
        s,
        e,
        init == null || init.serverInfo() == null
            ? null
            : mapper.convertValue(init.serverInfo(), MAP),
        init == null ? null : init.protocolVersion(),
        init == null || init.capabilities() == null
            ? null
            : mapper.convertValue(init.capabilities(), MAP),
        initializations.get(),
        init == null ? null : "session");
  }
}
