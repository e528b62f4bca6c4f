package dev.mcpinspector.mcp.engine;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A Streamable HTTP server to connect to.
 *
 * @param endpoint the MCP endpoint, already allowed by the outbound policy
 * @param headers extra headers for every request, already checked; copied
 * @param pinnedVersion the protocol version the user pinned, or null to negotiate
 * @param clientName {@code clientInfo.name}
 * @param clientVersion {@code clientInfo.version}
 */
public record HttpTarget(
    URI endpoint,
    Map<String, String> headers,
    String pinnedVersion,
    String clientName,
    String clientVersion) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param endpoint see the record description
   * @param headers see the record description
   * @param pinnedVersion see the record description
   * @param clientName see the record description
   * @param clientVersion see the record description
   */
  public HttpTarget {
    Objects.requireNonNull(endpoint, "endpoint");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    if (pinnedVersion != null && !ProtocolVersions.supported(pinnedVersion)) {
      throw new IllegalArgumentException(
          "protocolVersion must be one of "
              + ProtocolVersions.ALL
              + ", but was '"
              + LogText.safe(pinnedVersion, 40)
              + "'");
    }
    Objects.requireNonNull(clientName, "clientName");
    Objects.requireNonNull(clientVersion, "clientVersion");
  }

  /** Masks header values. */
  @Override
  public String toString() {
    return "HttpTarget[endpoint="
        + endpoint
        + ", headers="
        + headers.keySet()
        + "=<masked>, pinnedVersion="
        + pinnedVersion
        + "]";
  }
}
