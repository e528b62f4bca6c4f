package dev.mcpinspector.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of a {@code tools/call}.
 *
 * @param result the MCP {@code CallToolResult} as a JSON object; never null
 * @param progressToken the progress token sent in the request's {@code _meta}; progress reports for
 *     the call are recorded under it
 */
public record ToolCallResult(Map<String, Object> result, String progressToken) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param result see the record description
   * @param progressToken see the record description
   */
  public ToolCallResult {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(progressToken, "progressToken");
  }

  /**
   * The JSON object of the API: {@code {"result": {...}, "progressToken": "..."}}.
   *
   * @return a mutable ordered map
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("result", result);
    m.put("progressToken", progressToken);
    return m;
  }
}
