package dev.mcpinspector.mcp.engine;

import java.util.List;

/** The protocol versions this engine speaks. */
public final class ProtocolVersions {

  /** The stateless generation. */
  public static final String STATELESS = "2026-07-28";

  /** The 2025 (session) generation, newest first. */
  public static final List<String> SESSION = List.of("2025-11-25", "2025-06-18", "2025-03-26");

  /** Every version, newest first. */
  public static final List<String> ALL =
      List.of(STATELESS, "2025-11-25", "2025-06-18", "2025-03-26");

  private ProtocolVersions() {}

  /**
   * Whether this engine speaks a version.
   *
   * @param version a version string, may be null
   * @return true for one of {@link #ALL}
   */
  public static boolean supported(String version) {
    return version != null && ALL.contains(version);
  }

  /**
   * The generation of a supported version.
   *
   * @param version one of {@link #ALL}
   * @return its era
   * @throws IllegalArgumentException for any other value
   */
  public static Era eraOf(String version) {
    if (STATELESS.equals(version)) {
      return Era.STATELESS;
    }
    if (SESSION.contains(version)) {
      return Era.SESSION;
    }
    throw new IllegalArgumentException(
        "protocol version must be one of " + ALL + ", but was '" + version + "'");
  }
}
