package dev.mcpinspector.mcp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code GET /api/servers} shows about one server. Never contains header values.
 *
 * @param id the server id
 * @param url the URL, or null for stdio
 * @param transport the transport
 * @param status the connection state
 * @param error why the connection failed, or null
 * @param serverInfo the server's {@code serverInfo} from initialize as a JSON object, or null
 *     before initialize
 * @param protocolVersion the negotiated protocol version, or null before initialize
 * @param capabilities the server's capabilities as a JSON object, or null before initialize
 * @param initializations how many times the connection was initialized; more than one means the
 *     server dropped its MCP session and the client initialized a new one
 * @param era {@code stateless} (2026-07-28) or {@code session} (2025 generation), or null before
 *     negotiation
 */
public record ServerView(
    String id,
    String url,
    ServerTransport transport,
    ServerStatus status,
    String error,
    Map<String, Object> serverInfo,
    String protocolVersion,
    Map<String, Object> capabilities,
    int initializations,
    String era) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param id see the record description
   * @param url see the record description
   * @param transport see the record description
   * @param status see the record description
   * @param error see the record description
   * @param serverInfo see the record description
   * @param protocolVersion see the record description
   * @param capabilities see the record description
   * @param initializations see the record description
   * @param era see the record description
   */
  public ServerView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(status, "status");
  }

  /**
   * The JSON object of the API: {@code id, url, transport, status, error, serverInfo,
   * protocolVersion, capabilities, initializations, era}, with wire names for enums.
   *
   * @return a mutable ordered map of JSON values
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("url", url);
    m.put("transport", transport.wireName());
    m.put("status", status.wireName());
    m.put("error", error);
    m.put("serverInfo", serverInfo);
    m.put("protocolVersion", protocolVersion);
    m.put("capabilities", capabilities);
    m.put("initializations", initializations);
    m.put("era", era);
    return m;
  }
}
