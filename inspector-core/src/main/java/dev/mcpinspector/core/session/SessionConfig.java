package dev.mcpinspector.core.session;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.config.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of the {@link SessionResolver}: mode, signing keys, timeouts, cookie policy
 * and the bound of the session registry. Build with {@link #builder()}; setters validate their
 * argument, {@link Builder#build()} the combinations.
 */
public final class SessionConfig {

  /** Default idle timeout ({@code INSPECTOR_SESSION_IDLE_TIMEOUT}): 30 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** Default absolute lifetime ({@code INSPECTOR_SESSION_MAX_LIFETIME}): 12 hours. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(12);

  /** Default cap on bound (logged-in) sessions tracked by the resolver. */
  public static final int DEFAULT_MAX_BOUND_SESSIONS = 10_000;

  /**
   * Default cap on bound sessions of one principal ({@code INSPECTOR_MAX_SESSIONS_PER_PRINCIPAL}).
   */
  public static final int DEFAULT_MAX_SESSIONS_PER_PRINCIPAL = 5;

  /** Default mode. */
  public static final Mode DEFAULT_MODE = Mode.LOCAL;

  private final Mode mode;
  private final SigningKeyRing signingKeys;
  private final Duration idleTimeout;
  private final Duration maxLifetime;
  private final CookiePolicy cookiePolicy;
  private final int maxBoundSessions;
  private final int maxSessionsPerPrincipal;

  private SessionConfig(Builder b, SigningKeyRing keys) {
    this.mode = b.mode;
    this.signingKeys = keys;
    this.idleTimeout = b.idleTimeout;
    this.maxLifetime = b.maxLifetime;
    this.cookiePolicy = b.cookiePolicy;
    this.maxBoundSessions = b.maxBoundSessions;
    this.maxSessionsPerPrincipal = b.maxSessionsPerPrincipal;
  }

  /**
   * Starts a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The mode.
   *
   * @return the mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * The signing keys.
   *
   * @return the configured ring, or in local mode without keys a random per-process ring
   */
  public SigningKeyRing signingKeys() {
    return signingKeys;
  }

  /**
   * The idle timeout.
   *
   * @return how long a session survives without requests
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * The absolute lifetime.
   *
   * @return how long a session survives at most
   */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /**
   * The cookie policy.
   *
   * @return the policy
   */
  public CookiePolicy cookiePolicy() {
    return cookiePolicy;
  }

  /**
   * The cap on tracked bound sessions.
   *
   * @return the maximum
   */
  public int maxBoundSessions() {
    return maxBoundSessions;
  }

  /**
   * The cap on bound sessions of one principal.
   *
   * @return the maximum
   */
  public int maxSessionsPerPrincipal() {
    return maxSessionsPerPrincipal;
  }

  @Override
  public String toString() {
    return "SessionConfig[mode="
        + mode.wireName()
        + ", signingKeys="
        + signingKeys
        + ", idleTimeout="
        + idleTimeout
        + ", maxLifetime="
        + maxLifetime
        + ", cookiePolicy="
        + cookiePolicy
        + ", maxBoundSessions="
        + maxBoundSessions
        + ", maxSessionsPerPrincipal="
        + maxSessionsPerPrincipal
        + "]";
  }

  /** Builder of {@link SessionConfig}. Not thread-safe. */
  public static final class Builder {
    private Mode mode = DEFAULT_MODE;
    private SigningKeyRing signingKeys;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private CookiePolicy cookiePolicy = CookiePolicy.DEFAULT;
    private int maxBoundSessions = DEFAULT_MAX_BOUND_SESSIONS;
    private int maxSessionsPerPrincipal = DEFAULT_MAX_SESSIONS_PER_PRINCIPAL;

    private Builder() {}

    /**
     * Sets the cap on bound sessions of one principal; beyond it that principal's own least
     * recently used idle session ends (never another principal's).
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder maxSessionsPerPrincipal(int max) {
      this.maxSessionsPerPrincipal = Checks.atLeast("maxSessionsPerPrincipal", max, 1);
      return this;
    }

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
     * Sets the signing keys; unset means a random key in local mode and a start-up failure in
     * hosted mode.
     *
     * @param signingKeys the ring, or null for unset
     * @return this builder
     */
    public Builder signingKeys(SigningKeyRing signingKeys) {
      this.signingKeys = signingKeys;
      return this;
    }

    /**
     * Sets the idle timeout.
     *
     * @param idleTimeout positive, at least one second
     * @return this builder
     * @throws IllegalArgumentException when shorter than one second
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout =
          Checks.atLeastOneSecond("idleTimeout (INSPECTOR_SESSION_IDLE_TIMEOUT)", idleTimeout);
      return this;
    }

    /**
     * Sets the absolute lifetime.
     *
     * @param maxLifetime positive, at least one second
     * @return this builder
     * @throws IllegalArgumentException when shorter than one second
     */
    public Builder maxLifetime(Duration maxLifetime) {
      this.maxLifetime =
          Checks.atLeastOneSecond("maxLifetime (INSPECTOR_SESSION_MAX_LIFETIME)", maxLifetime);
      return this;
    }

    /**
     * Sets the cookie policy.
     *
     * @param cookiePolicy the policy
     * @return this builder
     */
    public Builder cookiePolicy(CookiePolicy cookiePolicy) {
      this.cookiePolicy = Objects.requireNonNull(cookiePolicy, "cookiePolicy must not be null");
      return this;
    }

    /**
     * Sets the cap on bound sessions; beyond it the least recently used idle, unpinned session
     * ends, and when every session is pinned the new one is refused ({@code 503 server_busy}).
     *
     * @param maxBoundSessions at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder maxBoundSessions(int maxBoundSessions) {
      this.maxBoundSessions = Checks.atLeast("maxBoundSessions", maxBoundSessions, 1);
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException in hosted mode without signing keys (saying how to generate
     *     one), or when the idle timeout exceeds the lifetime
     */
    public SessionConfig build() {
      if (idleTimeout.compareTo(maxLifetime) > 0) {
        throw new IllegalArgumentException(
            "idleTimeout (" + idleTimeout + ") must not exceed maxLifetime (" + maxLifetime + ")");
      }
      SigningKeyRing keys = signingKeys;
      if (keys == null) {
        keys = SigningKeyRing.forMode(mode, null);
      }
      return new SessionConfig(this, keys);
    }
  }
}
