package dev.mcpinspector.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A server the page offers to connect with one click, listed by {@code GET /api/servers} under
 * {@code suggested} (for example the example application's built-in demo server). A suggestion is
 * only a hint for the page: connecting to it goes through {@code POST /api/servers} and the
 * outbound policy like any other server.
 *
 * @param id the server id the page proposes; must match {@value ServerSpec#ID_PATTERN}
 * @param url the server URL
 * @param transport the transport; an HTTP transport (stdio cannot be suggested)
 * @param description a short human-readable description, or null
 */
public record SuggestedServer(
    String id, String url, ServerTransport transport, String description) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param id see the record description
   * @param url see the record description
   * @param transport see the record description
   * @param description see the record description
   * @throws IllegalArgumentException when the id does not match {@value ServerSpec#ID_PATTERN}, the
   *     url is blank or the transport is stdio
   */
  public SuggestedServer {
    Objects.requireNonNull(id, "id must not be null");
    Objects.requireNonNull(url, "url must not be null");
    Objects.requireNonNull(transport, "transport must not be null");
    if (!id.matches(ServerSpec.ID_PATTERN)) {
      throw new IllegalArgumentException(
          "suggested server id must match " + ServerSpec.ID_PATTERN + ", but was '" + id + "'");
    }
    if (url.isBlank()) {
      throw new IllegalArgumentException("suggested server '" + id + "' needs a url");
    }
    if (transport == ServerTransport.STDIO) {
      throw new IllegalArgumentException(
          "suggested server '" + id + "' must use streamable-http or sse, but was stdio");
    }
  }

  /**
   * A Streamable HTTP suggestion.
   *
   * @param id the server id
   * @param url the server URL
   * @param description a short description, or null
   * @return the suggestion
   * @throws IllegalArgumentException see the constructor
   */
  public static SuggestedServer http(String id, String url, String description) {
    return new SuggestedServer(id, url, ServerTransport.STREAMABLE_HTTP, description);
  }

  /**
   * The JSON object of the API: {@code {id, url, transport, description}}.
   *
   * @return a mutable ordered map
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("url", url);
    m.put("transport", transport.wireName());
    m.put("description", description);
    return m;
  }
}
