package dev.mcpinspector.mcp.engine;

/** The protocol generation a server speaks. */
public enum Era {
  /** 2026-07-28: no protocol session; every request carries its version and capabilities. */
  STATELESS("stateless"),
  /** The 2025 generation: {@code initialize}, {@code Mcp-Session-Id}, server-sent requests. */
  SESSION("session");

  private final String wireName;

  Era(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The name used in the API.
   *
   * @return {@code stateless} or {@code session}
   */
  public String wireName() {
    return wireName;
  }
}
