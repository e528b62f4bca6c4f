package dev.mcpinspector.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpinspector.core.rpc.Direction;
import java.util.concurrent.CompletableFuture;

/**
 * What a connection reports to its owner, and how it asks its user. The extension points of the
 * engine: every message, every notification, and every request that waits on the user (2025
 * server-to-client requests and 2026-07-28 input requests alike) pass through here. Methods are
 * called on the engine's I/O threads and must not block.
 */
public interface ConnectionEvents {

  /**
   * One JSON-RPC message in either direction, as its exact text.
   *
   * @param direction which way it went
   * @param json the raw JSON text
   */
  void message(Direction direction, String json);

  /**
   * A {@code notifications/progress}.
   *
   * @param progressToken the token as text
   * @param progress the progress so far
   * @param total the total, or null
   * @param message the message, or null
   */
  void progress(String progressToken, double progress, Double total, String message);

  /**
   * Any other notification from the server (logging, list changes, resource updates).
   *
   * @param method the notification method
   * @param params its params, or null
   */
  default void notification(String method, JsonNode params) {}

  /**
   * A request that waits on the user: {@code elicitation/create} today; sampling and roots go the
   * same way. The future's value is the result object sent back (2025: as the JSON-RPC result;
   * 2026-07-28: as the input response under its key). Completing exceptionally with an {@link
   * McpFailure} answers a JSON-RPC error (2025) or fails the call (2026-07-28).
   *
   * @param method the request method
   * @param params its params, or null
   * @return the result; never null
   */
  CompletableFuture<JsonNode> inputRequest(String method, JsonNode params);

  /**
   * Whether this client answers input requests of a method; methods answered false are refused with
   * JSON-RPC error -32601 (2025) or fail the call (2026-07-28).
   *
   * @param method the request method
   * @return true for {@code elicitation/create} by default
   */
  default boolean answers(String method) {
    return "elicitation/create".equals(method);
  }

  /**
   * The capabilities advertised to servers ({@code initialize} and the 2026-07-28 {@code _meta}).
   *
   * @return a JSON object; by default form elicitation
   */
  default JsonNode clientCapabilities() {
    return JsonText.MAPPER
        .createObjectNode()
        .set("elicitation", JsonText.MAPPER.createObjectNode());
  }
}
