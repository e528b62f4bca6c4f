package dev.mcpinspector.core.outbound;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.config.Checks;
import dev.mcpinspector.core.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Immutable configuration of the {@link OutboundPolicy}: the mode, the allowlist of hosts and CIDRs
 * exempt from the SSRF guard and the https-only rule, and the per-session server cap.
 */
public final class OutboundConfig {

  /**
   * The environment variable with the comma-separated allowlist of hosts and CIDRs, named in
   * refusals (it is read by {@code InspectorConfig}).
   */
  public static final String ENV_OUTBOUND_ALLOW = "INSPECTOR_OUTBOUND_ALLOW";

  /** Default mode. */
  public static final Mode DEFAULT_MODE = Mode.LOCAL;

  /** Default number of servers one session may have. */
  public static final int DEFAULT_MAX_SERVERS_PER_SESSION = 10;

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private final Mode mode;
  private final List<String> allowedHosts;
  private final List<Cidr> allowedCidrs;
  private final int maxServersPerSession;

  private OutboundConfig(Builder b) {
    this.mode = b.mode;
    this.allowedHosts = List.copyOf(b.allowedHosts);
    this.allowedCidrs = List.copyOf(b.allowedCidrs);
    this.maxServersPerSession = b.maxServersPerSession;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults: local mode, empty allowlist, {@value #DEFAULT_MAX_SERVERS_PER_SESSION} servers.
   *
   * @return the default configuration
   */
  public static OutboundConfig defaults() {
    return builder().build();
  }

  /**
   * The mode.
   *
   * @return local or hosted
   */
  public Mode mode() {
    return mode;
  }

  /**
   * Allowlisted host names, lower case; an entry {@code *.example.com} covers every subdomain of
   * {@code example.com} (not the domain itself).
   *
   * @return the host names; never null, unmodifiable
   */
  public List<String> allowedHosts() {
    return allowedHosts;
  }

  /**
   * Allowlisted address ranges.
   *
   * @return the ranges; never null, unmodifiable
   */
  public List<Cidr> allowedCidrs() {
    return allowedCidrs;
  }

  /**
   * How many servers one session may have at a time.
   *
   * @return a positive number
   */
  public int maxServersPerSession() {
    return maxServersPerSession;
  }

  @Override
  public String toString() {
    return "OutboundConfig[mode="
        + mode
        + ", allowedHosts="
        + allowedHosts
        + ", allowedCidrs="
        + allowedCidrs
        + ", maxServersPerSession="
        + maxServersPerSession
        + "]";
  }

  /** Builds an {@link OutboundConfig}. Not thread-safe. */
  public static final class Builder {
    private Mode mode = DEFAULT_MODE;
    private final List<String> allowedHosts = new ArrayList<>();
    private final List<Cidr> allowedCidrs = new ArrayList<>();
    private int maxServersPerSession = DEFAULT_MAX_SERVERS_PER_SESSION;

    private Builder() {}

    /**
     * Sets the mode.
     *
     * @param mode local or hosted
     * @return this builder
     */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode must not be null");
      return this;
    }

    /**
     * Adds an allowlist entry: an IP address, a CIDR ({@code 10.1.0.0/16}, {@code fd00::/8}), a
     * host name ({@code mcp.internal}) or a wildcard ({@code *.internal.example}).
     *
     * @param entry the entry
     * @return this builder
     * @throws IllegalArgumentException when the entry is none of these
     */
    public Builder allow(String entry) {
      Objects.requireNonNull(entry, "allowlist entry must not be null");
      String e = entry.trim();
      boolean looksLikeAddress =
          e.indexOf(':') >= 0
              || e.indexOf('/') >= 0
              || e.startsWith("[")
              || (!e.isEmpty() && e.chars().allMatch(c -> Character.isDigit(c) || c == '.'));
      if (looksLikeAddress) {
        allowedCidrs.add(Cidr.parse(e));
        return this;
      }
      String host = e.toLowerCase(Locale.ROOT);
      if (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      if (host.length() > 253 || !HOST_NAME.matcher(host).matches()) {
        throw new IllegalArgumentException(
            "allowlist entry '"
                + entry
                + "' is neither an IP address, a CIDR (10.0.0.0/8, fd00::/8), a host name"
                + " (mcp.internal) nor a wildcard (*.internal.example)");
      }
      allowedHosts.add(host);
      return this;
    }

    /**
     * Sets the per-session server cap.
     *
     * @param max a positive number
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxServersPerSession(int max) {
      this.maxServersPerSession = Checks.positive("maxServersPerSession", max);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the immutable configuration
     */
    public OutboundConfig build() {
      return new OutboundConfig(this);
    }
  }
}
