package dev.mcpinspector.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpClientConfigTest {

  @Test
  void from_readsIsoDurationsAndPlainSeconds() {
    McpClientConfig c =
        McpClientConfig.from(
            Map.of(
                    "INSPECTOR_MCP_CONNECT_TIMEOUT", "PT5S",
                    "INSPECTOR_MCP_REQUEST_TIMEOUT", " 120 ")
                ::get);
    assertEquals(Duration.ofSeconds(5), c.connectTimeout());
    assertEquals(Duration.ofMinutes(2), c.requestTimeout());
    assertEquals(McpClientConfig.DEFAULT_CLOSE_TIMEOUT, c.closeTimeout());
  }

  @Test
  void from_keepsDefaultsForMissingOrBlankValues() {
    McpClientConfig c = McpClientConfig.from(Map.of("INSPECTOR_MCP_CLOSE_TIMEOUT", " ")::get);
    assertEquals(McpClientConfig.DEFAULT_CONNECT_TIMEOUT, c.connectTimeout());
    assertEquals(McpClientConfig.DEFAULT_REQUEST_TIMEOUT, c.requestTimeout());
    assertEquals(McpClientConfig.DEFAULT_CLOSE_TIMEOUT, c.closeTimeout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "PT0S", "-PT1S", "soon", "1.5"})
  void from_refusesBadValuesNamingTheOption(String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> McpClientConfig.from(Map.of("INSPECTOR_MCP_REQUEST_TIMEOUT", value)::get));
    assertEquals(
        "INSPECTOR_MCP_REQUEST_TIMEOUT must be a positive ISO-8601 duration (PT30S) or a number of"
            + " seconds, but was '"
            + value
            + "'",
        e.getMessage());
  }
}
