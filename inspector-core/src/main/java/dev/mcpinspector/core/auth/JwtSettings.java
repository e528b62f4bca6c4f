package dev.mcpinspector.core.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a JWT must satisfy: a signature by one of {@link #keys()} with a matching algorithm, an
 * {@code exp} in the future and any {@code nbf} in the past (both within {@link #leeway()}), the
 * configured {@code iss} and {@code aud} when set, and a non-blank {@code sub}.
 *
 * @param keys the verification keys; empty disables JWT authentication
 * @param issuer the required {@code iss} ({@code INSPECTOR_JWT_ISSUER}), or null to accept any
 * @param audience the required {@code aud} member ({@code INSPECTOR_JWT_AUDIENCE}), or null to
 *     accept any
 * @param leeway allowed clock skew for {@code exp} and {@code nbf} ({@code INSPECTOR_JWT_LEEWAY})
 * @param maxLifetime the longest accepted token lifetime ({@code INSPECTOR_JWT_MAX_LIFETIME}):
 *     {@code exp - iat}, or {@code exp - now} for a token without {@code iat}
 */
public record JwtSettings(
    List<JwtKey> keys, String issuer, String audience, Duration leeway, Duration maxLifetime) {

  /** Default maximum token lifetime: 24 hours. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  /** Default leeway: 60 seconds. */
  public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);

  /** No keys: JWT authentication off. */
  public static final JwtSettings NONE =
      new JwtSettings(List.of(), null, null, DEFAULT_LEEWAY, DEFAULT_MAX_LIFETIME);

  /**
   * Settings with the default maximum lifetime.
   *
   * @param keys see the record description
   * @param issuer see the record description
   * @param audience see the record description
   * @param leeway see the record description
   */
  public JwtSettings(List<JwtKey> keys, String issuer, String audience, Duration leeway) {
    this(keys, issuer, audience, leeway, DEFAULT_MAX_LIFETIME);
  }

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param keys see the record description
   * @param issuer see the record description
   * @param audience see the record description
   * @param leeway see the record description
   * @param maxLifetime see the record description
   * @throws IllegalArgumentException when the leeway is negative or above 5 minutes, or the maximum
   *     lifetime not positive
   */
  public JwtSettings {
    Objects.requireNonNull(maxLifetime, "maxLifetime must not be null");
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalArgumentException(
          "INSPECTOR_JWT_MAX_LIFETIME must be a positive duration, but was " + maxLifetime);
    }
    keys = List.copyOf(keys);
    Objects.requireNonNull(leeway, "leeway must not be null");
    if (leeway.isNegative() || leeway.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException(
          "INSPECTOR_JWT_LEEWAY must be between 0 and PT5M, but was " + leeway);
    }
    if (issuer != null && issuer.isBlank()) {
      issuer = null;
    }
    if (audience != null && audience.isBlank()) {
      audience = null;
    }
  }

  /**
   * Whether any key is configured.
   *
   * @return true when JWT authentication is on
   */
  public boolean enabled() {
    return !keys.isEmpty();
  }
}
