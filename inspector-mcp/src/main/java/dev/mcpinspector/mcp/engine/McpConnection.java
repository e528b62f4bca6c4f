package dev.mcpinspector.mcp.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One connection to one MCP server, in whichever generation negotiation chose. Thread-safe; calls
 * never block: every answer is a future completed on the engine's I/O threads.
 */
public interface McpConnection extends AutoCloseable {

  /**
   * Negotiates: {@code server/discover} (2026-07-28) first, then {@code initialize} (2025
   * generation), unless the target pins a version. Call once.
   *
   * @param timeout how long negotiation may take in all
   * @return the handshake; fails with an {@link McpFailure}
   */
  CompletableFuture<Handshake> open(Duration timeout);

  /**
   * The handshake.
   *
   * @return the handshake, or null before {@link #open} succeeded
   */
  Handshake handshake();

  /**
   * How many times the connection was initialized (more than one: the server dropped its protocol
   * session and a new one was negotiated).
   *
   * @return the count
   */
  int initializations();

  /**
   * Sends a request. The engine adds what the generation needs ({@code _meta}, headers, session
   * id), answers input requests through {@link ConnectionEvents#inputRequest} and retries with the
   * answers. The timeout does not run while the user is being asked.
   *
   * @param method the method
   * @param params the params object, or null; not modified
   * @param timeout the time the server has to answer (per round)
   * @return the call
   */
  PendingCall call(String method, ObjectNode params, Duration timeout);

  /** Ends the connection: calls in flight fail with {@link McpFailure.Kind#CLOSED}. Idempotent. */
  @Override
  void close();
}
