package dev.mcpinspector.servlet;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of the web security filter: CORS (off unless origins are listed; exact origins
 * only, with credentials, never {@code *}) and framing (denied unless ancestor origins are listed).
 * Build with {@link #builder()}.
 */
public final class WebSecurityConfig {

  /** Default lifetime of a CORS preflight answer in the browser's cache: 10 minutes. */
  public static final Duration DEFAULT_PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

  /** Default methods allowed cross-origin. */
  public static final List<String> DEFAULT_ALLOWED_METHODS =
      List.of("GET", "POST", "PUT", "DELETE");

  /** Request headers allowed cross-origin. */
  public static final List<String> ALLOWED_HEADERS = List.of("Content-Type", "X-Inspector-CSRF");

  private final Set<String> allowedOrigins;
  private final List<String> allowedMethods;
  private final Duration preflightMaxAge;
  private final Set<String> frameAncestors;

  private WebSecurityConfig(Builder b) {
    this.allowedOrigins = Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedOrigins));
    this.allowedMethods = List.copyOf(b.allowedMethods);
    this.preflightMaxAge = b.preflightMaxAge;
    this.frameAncestors = Collections.unmodifiableSet(new LinkedHashSet<>(b.frameAncestors));
  }

  /**
   * Returns a builder with CORS off and framing denied.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the origins allowed to call the API cross-origin with credentials.
   *
   * @return an unmodifiable set; empty means CORS is off
   */
  public Set<String> allowedOrigins() {
    return allowedOrigins;
  }

  /**
   * Returns the methods announced in preflight answers.
   *
   * @return an unmodifiable list
   */
  public List<String> allowedMethods() {
    return allowedMethods;
  }

  /**
   * Returns how long browsers may cache a preflight answer.
   *
   * @return a non-negative duration
   */
  public Duration preflightMaxAge() {
    return preflightMaxAge;
  }

  /**
   * Returns the origins allowed to embed responses in a frame.
   *
   * @return an unmodifiable set; empty means framing is denied
   */
  public Set<String> frameAncestors() {
    return frameAncestors;
  }

  @Override
  public String toString() {
    return "WebSecurityConfig{allowedOrigins="
        + allowedOrigins
        + ", allowedMethods="
        + allowedMethods
        + ", preflightMaxAge="
        + preflightMaxAge
        + ", frameAncestors="
        + frameAncestors
        + '}';
  }

  /**
   * Checks that a value is a serialized origin: {@code scheme://host[:port]}, lower-case scheme and
   * host, no path, no wildcard.
   */
  static String requireOrigin(String setting, String origin) {
    Objects.requireNonNull(origin, setting);
    String problem = null;
    try {
      URI uri = new URI(origin);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
        problem = "scheme must be http or https";
      } else if (uri.getHost() == null || origin.contains("*")) {
        problem = "host is missing or a wildcard";
      } else if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        problem = "it must not have a path, query, fragment or user info";
      } else if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
        problem = "it must be lower case";
      }
    } catch (URISyntaxException e) {
      problem = "it is not a URI";
    }
    if (problem != null) {
      throw new IllegalArgumentException(
          setting
              + " entries must be origins like https://app.example.com (scheme://host[:port]), but '"
              + origin
              + "' is not: "
              + problem);
    }
    return origin;
  }

  /** Builds a {@link WebSecurityConfig}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> allowedOrigins = new LinkedHashSet<>();
    private List<String> allowedMethods = DEFAULT_ALLOWED_METHODS;
    private Duration preflightMaxAge = DEFAULT_PREFLIGHT_MAX_AGE;
    private final Set<String> frameAncestors = new LinkedHashSet<>();

    private Builder() {}

    /**
     * Sets the origins allowed cross-origin (replacing earlier ones). Empty turns CORS off.
     *
     * @param origins exact origins such as {@code https://app.example.com}
     * @return this builder
     * @throws IllegalArgumentException if an entry is not an origin ({@code *} is refused)
     */
    public Builder allowedOrigins(Collection<String> origins) {
      allowedOrigins.clear();
      for (String o : origins) {
        allowedOrigins.add(requireOrigin("allowedOrigins", o));
      }
      return this;
    }

    /**
     * Sets the methods announced in preflight answers.
     *
     * @param methods upper-case method names, at least one
     * @return this builder
     * @throws IllegalArgumentException if the list is empty or has a malformed name
     */
    public Builder allowedMethods(List<String> methods) {
      if (methods.isEmpty()) {
        throw new IllegalArgumentException("allowedMethods must not be empty");
      }
      for (String m : methods) {
        if (!m.matches("[A-Z]+")) {
          throw new IllegalArgumentException(
              "allowedMethods entries must be upper-case methods like GET, but was '" + m + "'");
        }
      }
      this.allowedMethods = List.copyOf(methods);
      return this;
    }

    /**
     * Sets how long browsers may cache a preflight answer.
     *
     * @param maxAge a non-negative duration
     * @return this builder
     * @throws IllegalArgumentException if maxAge is negative
     */
    public Builder preflightMaxAge(Duration maxAge) {
      Objects.requireNonNull(maxAge, "preflightMaxAge");
      if (maxAge.isNegative()) {
        throw new IllegalArgumentException(
            "preflightMaxAge must not be negative, but was " + maxAge);
      }
      this.preflightMaxAge = maxAge;
      return this;
    }

    /**
     * Sets the origins allowed to frame responses (replacing earlier ones). Empty (the default)
     * sends {@code X-Frame-Options: DENY} and {@code frame-ancestors 'none'}.
     *
     * @param origins exact origins
     * @return this builder
     * @throws IllegalArgumentException if an entry is not an origin
     */
    public Builder frameAncestors(Collection<String> origins) {
      frameAncestors.clear();
      for (String o : origins) {
        frameAncestors.add(requireOrigin("frameAncestors", o));
      }
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the immutable configuration
     */
    public WebSecurityConfig build() {
      return new WebSecurityConfig(this);
    }
  }
}
