package dev.mcpinspector.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/** One request in flight. Thread-safe. */
public interface PendingCall {

  /**
   * The result object of the request; fails with an {@link McpFailure}.
   *
   * @return the future; completes once
   */
  CompletableFuture<JsonNode> result();

  /**
   * Cancels the call: the server is told ({@code notifications/cancelled} on the 2025 generation;
   * on 2026-07-28 the request's HTTP exchange is closed) and {@link #result()} fails with {@link
   * McpFailure.Kind#CANCELLED}.
   *
   * @param reason why, sent to the server; may be null
   * @return false when the call had already finished
   */
  boolean cancel(String reason);
}
