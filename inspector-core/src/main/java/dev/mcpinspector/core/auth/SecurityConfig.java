package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.config.Checks;
import dev.mcpinspector.core.http.AllowedHosts;
import dev.mcpinspector.core.http.AllowedOrigins;
import dev.mcpinspector.core.http.TrustedProxies;
import dev.mcpinspector.core.session.CookiePolicy;
import dev.mcpinspector.core.session.CookieSecure;
import dev.mcpinspector.core.session.SameSite;
import dev.mcpinspector.core.session.SessionConfig;
import dev.mcpinspector.core.session.SigningKeyRing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of the front door: sessions and cookies, trusted proxies, allowed hosts and
 * origins, authenticators, admins and the failed-login limit. Immutable; build it with {@link
 * #builder()}, whose setters validate their argument (text setters parse the documented {@code
 * INSPECTOR_*} formats) and whose {@link Builder#build()} validates combinations.
 */
public final class SecurityConfig {

  /** Default failed logins per client address and window. */
  public static final int DEFAULT_LOGIN_FAILURE_LIMIT = 10;

  /** Default failed-login window. */
  public static final Duration DEFAULT_LOGIN_FAILURE_WINDOW = Duration.ofMinutes(1);

  /** Default number of client addresses the failed-login limit tracks. */
  public static final int DEFAULT_MAX_TRACKED_CLIENTS = 10_000;

  /** Default {@code SameSite}. */
  public static final SameSite DEFAULT_COOKIE_SAMESITE = SameSite.LAX;

  /** Default {@code Secure} policy. */
  public static final CookieSecure DEFAULT_COOKIE_SECURE = CookieSecure.AUTO;

  private final SessionConfig session;
  private final TrustedProxies trustedProxies;
  private final AllowedHosts allowedHosts;
  private final AllowedOrigins allowedOrigins;
  private final AccessKeys accessKeys;
  private final String identityHeader;
  private final JwtSettings jwt;
  private final Set<String> admins;
  private final int loginFailureLimit;
  private final Duration loginFailureWindow;
  private final int maxTrackedClients;

  private SecurityConfig(Builder b, SessionConfig session, AllowedHosts hosts, JwtSettings jwt) {
    this.session = session;
    this.trustedProxies = b.trustedProxies;
    this.allowedHosts = hosts;
    this.allowedOrigins = b.allowedOrigins;
    this.accessKeys = b.accessKeys;
    this.identityHeader = b.identityHeader;
    this.jwt = jwt;
    this.admins = Set.copyOf(b.admins);
    this.loginFailureLimit = b.loginFailureLimit;
    this.loginFailureWindow = b.loginFailureWindow;
    this.maxTrackedClients = b.maxTrackedClients;
  }

  /**
   * Starts a builder with the defaults (local mode).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses {@code INSPECTOR_ADMINS}: comma-separated principal names.
   *
   * @param text the value; null or blank gives none
   * @return the names
   */
  public static Set<String> parseAdmins(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text != null) {
      for (String s : text.split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    }
    return Set.copyOf(out);
  }

  /**
   * The session settings.
   *
   * @return the session part
   */
  public SessionConfig session() {
    return session;
  }

  /**
   * The trusted proxies.
   *
   * @return the rule
   */
  public TrustedProxies trustedProxies() {
    return trustedProxies;
  }

  /**
   * The allowed hosts, after the mode default was applied.
   *
   * @return the allowlist
   */
  public AllowedHosts allowedHosts() {
    return allowedHosts;
  }

  /**
   * The extra allowed origins.
   *
   * @return the origins
   */
  public AllowedOrigins allowedOrigins() {
    return allowedOrigins;
  }

  /**
   * The access keys.
   *
   * @return the keys, possibly none
   */
  public AccessKeys accessKeys() {
    return accessKeys;
  }

  /**
   * The trusted proxy's identity header.
   *
   * @return the header name, or null when not used
   */
  public String identityHeader() {
    return identityHeader;
  }

  /**
   * The JWT settings.
   *
   * @return the settings; {@link JwtSettings#enabled()} false when no key is set
   */
  public JwtSettings jwt() {
    return jwt;
  }

  /**
   * Principal names with the admin role.
   *
   * @return the names
   */
  public Set<String> admins() {
    return admins;
  }

  /**
   * Failed logins allowed per window.
   *
   * @return the limit
   */
  public int loginFailureLimit() {
    return loginFailureLimit;
  }

  /**
   * The failed-login window.
   *
   * @return the window
   */
  public Duration loginFailureWindow() {
    return loginFailureWindow;
  }

  /**
   * The most client addresses the limiter tracks.
   *
   * @return the bound
   */
  public int maxTrackedClients() {
    return maxTrackedClients;
  }

  /**
   * Builds the authenticator chain: identity header, access keys, JWT, as configured.
   *
   * @param clock the clock for JWT time claims
   * @return the chain; {@link Authenticator#none()} when nothing is configured
   */
  public Authenticator authenticator(java.time.Clock clock) {
    List<Authenticator> chain = new ArrayList<>();
    if (identityHeader != null) {
      chain.add(Authenticator.proxyIdentity(identityHeader, admins));
    }
    if (accessKeys.size() > 0) {
      chain.add(Authenticator.accessKeys(accessKeys, admins));
    }
    if (jwt.enabled()) {
      chain.add(Authenticator.jwt(jwt, admins, clock));
    }
    return chain.isEmpty() ? Authenticator.none() : Authenticator.chain(chain);
  }

  @Override
  public String toString() {
    return "SecurityConfig[session="
        + session
        + ", trustedProxies="
        + trustedProxies
        + ", allowedHosts="
        + allowedHosts
        + ", allowedOrigins="
        + allowedOrigins
        + ", accessKeys="
        + accessKeys
        + ", identityHeader="
        + identityHeader
        + ", jwt="
        + jwt.keys()
        + ", admins="
        + admins
        + ", loginFailureLimit="
        + loginFailureLimit
        + "/"
        + loginFailureWindow
        + "]";
  }

  /** Builder of {@link SecurityConfig}. Not thread-safe. */
  public static final class Builder {
    private final SessionConfig.Builder session = SessionConfig.builder();
    private Mode mode = SessionConfig.DEFAULT_MODE;
    private String cookieName;
    private SameSite cookieSameSite = DEFAULT_COOKIE_SAMESITE;
    private CookieSecure cookieSecure = DEFAULT_COOKIE_SECURE;
    private boolean cookiePartitioned;
    private Duration cookieMaxAge;
    private TrustedProxies trustedProxies = TrustedProxies.none();
    private AllowedHosts allowedHosts;
    private AllowedOrigins allowedOrigins = AllowedOrigins.none();
    private AccessKeys accessKeys = AccessKeys.none();
    private String identityHeader;
    private final List<JwtKey> jwtKeys = new ArrayList<>();
    private String jwtIssuer;
    private String jwtAudience;
    private Duration jwtLeeway = JwtSettings.DEFAULT_LEEWAY;
    private Duration jwtMaxLifetime = JwtSettings.DEFAULT_MAX_LIFETIME;
    private Set<String> admins = Set.of();
    private int loginFailureLimit = DEFAULT_LOGIN_FAILURE_LIMIT;
    private Duration loginFailureWindow = DEFAULT_LOGIN_FAILURE_WINDOW;
    private int maxTrackedClients = DEFAULT_MAX_TRACKED_CLIENTS;

    private Builder() {}

    /**
     * Sets the mode ({@code INSPECTOR_MODE}).
     *
     * @param mode local or hosted
     * @return this builder
     */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode must not be null");
      session.mode(mode);
      return this;
    }

    /**
     * Sets the signing keys ({@code INSPECTOR_SIGNING_KEYS}).
     *
     * @param keys the ring
     * @return this builder
     */
    public Builder signingKeys(SigningKeyRing keys) {
      session.signingKeys(Objects.requireNonNull(keys, "keys must not be null"));
      return this;
    }

    /**
     * Parses and sets the signing keys.
     *
     * @param text comma-separated base64 keys of at least 32 bytes
     * @return this builder
     * @throws IllegalArgumentException as {@link SigningKeyRing#parse(String)}
     */
    public Builder signingKeys(String text) {
      return signingKeys(SigningKeyRing.parse(text));
    }

    /**
     * Sets the idle timeout ({@code INSPECTOR_SESSION_IDLE_TIMEOUT}).
     *
     * @param idleTimeout at least one second
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      session.idleTimeout(idleTimeout);
      return this;
    }

    /**
     * Sets the absolute lifetime ({@code INSPECTOR_SESSION_MAX_LIFETIME}).
     *
     * @param maxLifetime at least one second
     * @return this builder
     */
    public Builder maxLifetime(Duration maxLifetime) {
      session.maxLifetime(maxLifetime);
      return this;
    }

    /**
     * Sets the cap on bound sessions tracked by the resolver.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxBoundSessions(int max) {
      session.maxBoundSessions(max);
      return this;
    }

    /**
     * Sets the cookie name ({@code INSPECTOR_COOKIE_NAME}); null restores the defaults.
     *
     * @param name a cookie token, or null
     * @return this builder
     */
    public Builder cookieName(String name) {
      this.cookieName = name == null || name.isBlank() ? null : name.strip();
      return this;
    }

    /**
     * Sets {@code SameSite} ({@code INSPECTOR_COOKIE_SAMESITE}).
     *
     * @param sameSite the value
     * @return this builder
     */
    public Builder cookieSameSite(SameSite sameSite) {
      this.cookieSameSite = Objects.requireNonNull(sameSite, "sameSite must not be null");
      return this;
    }

    /**
     * Sets the {@code Secure} policy ({@code INSPECTOR_COOKIE_SECURE}).
     *
     * @param secure the policy
     * @return this builder
     */
    public Builder cookieSecure(CookieSecure secure) {
      this.cookieSecure = Objects.requireNonNull(secure, "secure must not be null");
      return this;
    }

    /**
     * Sets {@code Partitioned} ({@code INSPECTOR_COOKIE_PARTITIONED}); needs secure always.
     *
     * @param partitioned whether to add it
     * @return this builder
     */
    public Builder cookiePartitioned(boolean partitioned) {
      this.cookiePartitioned = partitioned;
      return this;
    }

    /**
     * Sets a {@code Max-Age}; null (the default) makes a browser-session cookie.
     *
     * @param maxAge the age, or null
     * @return this builder
     */
    public Builder cookieMaxAge(Duration maxAge) {
      this.cookieMaxAge = maxAge;
      return this;
    }

    /**
     * Sets the trusted proxies ({@code INSPECTOR_TRUSTED_PROXIES}).
     *
     * @param proxies the rule
     * @return this builder
     */
    public Builder trustedProxies(TrustedProxies proxies) {
      this.trustedProxies = Objects.requireNonNull(proxies, "proxies must not be null");
      return this;
    }

    /**
     * Parses and sets the trusted proxies.
     *
     * @param text comma-separated CIDRs
     * @return this builder
     * @throws IllegalArgumentException as {@link TrustedProxies#parse(String)}
     */
    public Builder trustedProxies(String text) {
      return trustedProxies(TrustedProxies.parse(text));
    }

    /**
     * Sets the allowed hosts ({@code INSPECTOR_ALLOWED_HOSTS}); unset means localhost names in
     * local mode and any host in hosted mode.
     *
     * @param hosts the allowlist
     * @return this builder
     */
    public Builder allowedHosts(AllowedHosts hosts) {
      this.allowedHosts = Objects.requireNonNull(hosts, "hosts must not be null");
      return this;
    }

    /**
     * Parses and sets the allowed hosts.
     *
     * @param text comma-separated names and {@code *.domain} wildcards
     * @return this builder
     * @throws IllegalArgumentException as {@link AllowedHosts#parse(String)}
     */
    public Builder allowedHosts(String text) {
      return allowedHosts(AllowedHosts.parse(text));
    }

    /**
     * Sets the extra allowed origins ({@code INSPECTOR_ALLOWED_ORIGINS}).
     *
     * @param origins the origins
     * @return this builder
     */
    public Builder allowedOrigins(AllowedOrigins origins) {
      this.allowedOrigins = Objects.requireNonNull(origins, "origins must not be null");
      return this;
    }

    /**
     * Parses and sets the extra allowed origins.
     *
     * @param text comma-separated exact origins
     * @return this builder
     * @throws IllegalArgumentException as {@link AllowedOrigins#parse(String)}
     */
    public Builder allowedOrigins(String text) {
      return allowedOrigins(AllowedOrigins.parse(text));
    }

    /**
     * Sets the access keys ({@code INSPECTOR_ACCESS_KEYS}).
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder accessKeys(AccessKeys keys) {
      this.accessKeys = Objects.requireNonNull(keys, "keys must not be null");
      return this;
    }

    /**
     * Parses and sets the access keys.
     *
     * @param text {@code name=key} pairs or {@code @FILE}
     * @return this builder
     * @throws IllegalArgumentException as {@link AccessKeys#parse(String)}
     */
    public Builder accessKeys(String text) {
      return accessKeys(AccessKeys.parse(text));
    }

    /**
     * Sets the trusted proxy's identity header ({@code INSPECTOR_IDENTITY_HEADER}).
     *
     * @param headerName the exact header name, or null for none
     * @return this builder
     * @throws IllegalArgumentException when it is not a dedicated header name
     */
    public Builder identityHeader(String headerName) {
      if (headerName == null || headerName.isBlank()) {
        this.identityHeader = null;
      } else {
        new ProxyIdentityAuthenticator(headerName.strip(), Set.of());
        this.identityHeader = headerName.strip();
      }
      return this;
    }

    /**
     * Adds a JWT verification key.
     *
     * @param key the key
     * @return this builder
     */
    public Builder jwtKey(JwtKey key) {
      jwtKeys.add(Objects.requireNonNull(key, "key must not be null"));
      return this;
    }

    /**
     * Parses and adds the HS256 secret ({@code INSPECTOR_JWT_SECRET}); blank is ignored.
     *
     * @param base64Secret base64 of at least 32 bytes
     * @return this builder
     * @throws IllegalArgumentException as {@link JwtKey#hs256(String)}
     */
    public Builder jwtSecret(String base64Secret) {
      if (base64Secret != null && !base64Secret.isBlank()) {
        jwtKeys.add(JwtKey.hs256(base64Secret));
      }
      return this;
    }

    /**
     * Parses and adds public keys ({@code INSPECTOR_JWT_PUBLIC_KEYS}).
     *
     * @param text PEM keys or {@code @FILE}, comma-separated
     * @return this builder
     * @throws IllegalArgumentException as {@link JwtKey#parsePublicKeys(String)}
     */
    public Builder jwtPublicKeys(String text) {
      jwtKeys.addAll(JwtKey.parsePublicKeys(text));
      return this;
    }

    /**
     * Sets the required {@code iss} ({@code INSPECTOR_JWT_ISSUER}).
     *
     * @param issuer the issuer, or null for any
     * @return this builder
     */
    public Builder jwtIssuer(String issuer) {
      this.jwtIssuer = issuer;
      return this;
    }

    /**
     * Sets the required {@code aud} ({@code INSPECTOR_JWT_AUDIENCE}).
     *
     * @param audience the audience, or null for any
     * @return this builder
     */
    public Builder jwtAudience(String audience) {
      this.jwtAudience = audience;
      return this;
    }

    /**
     * Sets the leeway for {@code exp}/{@code nbf} ({@code INSPECTOR_JWT_LEEWAY}).
     *
     * @param leeway between zero and five minutes
     * @return this builder
     */
    public Builder jwtLeeway(Duration leeway) {
      this.jwtLeeway = Objects.requireNonNull(leeway, "leeway must not be null");
      return this;
    }

    /**
     * Sets the longest accepted JWT lifetime ({@code INSPECTOR_JWT_MAX_LIFETIME}).
     *
     * @param maxLifetime a positive duration
     * @return this builder
     */
    public Builder jwtMaxLifetime(Duration maxLifetime) {
      this.jwtMaxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime must not be null");
      return this;
    }

    /**
     * Sets how many bound sessions one principal may hold ({@code
     * INSPECTOR_MAX_SESSIONS_PER_PRINCIPAL}); beyond it that principal's own least recently used
     * idle session ends.
     *
     * @param max at least 1
     * @return this builder
     */
    public Builder maxSessionsPerPrincipal(int max) {
      session.maxSessionsPerPrincipal(max);
      return this;
    }

    /**
     * Sets the admins ({@code INSPECTOR_ADMINS}).
     *
     * @param names principal names (subjects) with the admin role
     * @return this builder
     */
    public Builder admins(Set<String> names) {
      this.admins = Set.copyOf(names);
      return this;
    }

    /**
     * Parses and sets the admins.
     *
     * @param text comma-separated names
     * @return this builder
     */
    public Builder admins(String text) {
      return admins(parseAdmins(text));
    }

    /**
     * Sets the failed-login limit.
     *
     * @param limit failures per window, at least 1
     * @param window the window, at least one second
     * @return this builder
     * @throws IllegalArgumentException naming the bad value
     */
    public Builder loginFailureLimit(int limit, Duration window) {
      Checks.atLeast("loginFailureLimit", limit, 1);
      Objects.requireNonNull(window, "window must not be null");
      Checks.atLeastOneSecond("loginFailureWindow", window);
      this.loginFailureLimit = limit;
      this.loginFailureWindow = window;
      return this;
    }

    /**
     * Sets how many client addresses the failed-login limit tracks at most.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder maxTrackedClients(int max) {
      this.maxTrackedClients = Checks.atLeast("maxTrackedClients", max, 1);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException when a combination is invalid: hosted mode without signing
     *     keys or without any way to authenticate, an identity header without trusted proxies, or a
     *     cookie combination browsers refuse
     */
    public SecurityConfig build() {
      CookiePolicy cookies =
          new CookiePolicy(
              cookieName, cookieSameSite, cookieSecure, cookiePartitioned, cookieMaxAge);
      session.cookiePolicy(cookies);
      SessionConfig sessionConfig = session.build();
      if (identityHeader != null && trustedProxies.networks().isEmpty()) {
        throw new IllegalArgumentException(
            "INSPECTOR_IDENTITY_HEADER="
                + identityHeader
                + " is only honoured from trusted proxies,"
                + " but INSPECTOR_TRUSTED_PROXIES is empty; list your proxy's addresses there");
      }
      JwtSettings jwt = new JwtSettings(jwtKeys, jwtIssuer, jwtAudience, jwtLeeway, jwtMaxLifetime);
      if (mode == Mode.HOSTED
          && accessKeys.size() == 0
          && identityHeader == null
          && !jwt.enabled()) {
        throw new IllegalArgumentException(
            "hosted mode needs a way to authenticate, but none is configured: set"
                + " INSPECTOR_ACCESS_KEYS, INSPECTOR_IDENTITY_HEADER (with INSPECTOR_TRUSTED_PROXIES),"
                + " INSPECTOR_JWT_SECRET or INSPECTOR_JWT_PUBLIC_KEYS");
      }
      AllowedHosts hosts = allowedHosts;
      if (hosts == null) {
        hosts = mode == Mode.LOCAL ? AllowedHosts.LOCALHOST : AllowedHosts.any();
      }
      return new SecurityConfig(this, sessionConfig, hosts, jwt);
    }
  }
}
