package dev.mcpinspector.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What negotiation with a server established.
 *
 * @param protocolVersion the protocol version in use
 * @param era the generation of that version
 * @param serverInfo the server's self-description, or null when it gave none
 * @param capabilities the server's capabilities, or null when it gave none
 * @param instructions the server's instructions, or null
 */
public record Handshake(
    String protocolVersion,
    Era era,
    JsonNode serverInfo,
    JsonNode capabilities,
    String instructions) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param protocolVersion see the record description
   * @param era see the record description
   * @param serverInfo see the record description
   * @param capabilities see the record description
   * @param instructions see the record description
   */
  public Handshake {
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(era, "era");
  }
}
