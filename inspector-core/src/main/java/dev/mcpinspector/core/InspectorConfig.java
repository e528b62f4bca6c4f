package dev.mcpinspector.core;

import dev.mcpinspector.core.config.Checks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every setting of an {@code Inspector}, immutable. Build one with {@link #builder()}, or read the
 * {@code INSPECTOR_*} environment variables with {@link #fromEnvironment()}, or any key/value
 * source (for example servlet context init-parameters) with {@link #from(Function)}. Each option
 * and its default is listed in {@code docs/configuration.md}.
 *
 * <p>Bad values fail fast with a message that names the option, the value and what is accepted.
 * Secrets (signing keys, access keys, the JWT secret) are masked in {@link #toString()}.
 */
public final class InspectorConfig {

  /** Default for {@code INSPECTOR_MODE}. */
  public static final Mode DEFAULT_MODE = Mode.LOCAL;

  /** Default for {@code INSPECTOR_SESSION_IDLE_TIMEOUT}. */
  public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** Default for {@code INSPECTOR_SESSION_MAX_LIFETIME}. */
  public static final Duration DEFAULT_SESSION_MAX_LIFETIME = Duration.ofHours(12);

  /** Default for {@code INSPECTOR_MAX_SESSIONS}. */
  public static final int DEFAULT_MAX_SESSIONS = 1000;

  /** Default for {@code INSPECTOR_MAX_SESSIONS_PER_PRINCIPAL}. */
  public static final int DEFAULT_MAX_SESSIONS_PER_PRINCIPAL = 5;

  /** Default for {@code INSPECTOR_SWEEP_INTERVAL}. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(1);

  /** Default for {@code INSPECTOR_DISPOSE_TIMEOUT}. */
  public static final Duration DEFAULT_DISPOSE_TIMEOUT = Duration.ofSeconds(10);

  /** Default for {@code INSPECTOR_RPC_LOG_CAPACITY}: events kept per (session, server). */
  public static final int DEFAULT_RPC_LOG_CAPACITY = 1000;

  /** Default for {@code INSPECTOR_RPC_LOG_MAX_BYTES}: 256 MiB for the whole process. */
  public static final long DEFAULT_RPC_LOG_MAX_BYTES = 256L * 1024 * 1024;

  /** Default for {@code INSPECTOR_PROGRESS_STALE_AFTER}. */
  public static final Duration DEFAULT_PROGRESS_STALE_AFTER = Duration.ofMinutes(5);

  /** Default for {@code INSPECTOR_ELICITATION_TIMEOUT}. */
  public static final Duration DEFAULT_ELICITATION_TIMEOUT = Duration.ofMinutes(10);

  /** Default for {@code INSPECTOR_MAX_SERVERS_PER_SESSION}. */
  public static final int DEFAULT_MAX_SERVERS_PER_SESSION = 10;

  /** Default for {@code INSPECTOR_COOKIE_SAMESITE}. */
  public static final String DEFAULT_COOKIE_SAMESITE = "Lax";

  /** Default for {@code INSPECTOR_COOKIE_SECURE}. */
  public static final String DEFAULT_COOKIE_SECURE = "auto";

  private final Mode mode;
  private final List<String> signingKeys;
  private final Duration sessionIdleTimeout;
  private final Duration sessionMaxLifetime;
  private final int maxSessions;
  private final int maxSessionsPerPrincipal;
  private final Duration sweepInterval;
  private final Duration disposeTimeout;
  private final int rpcLogCapacity;
  private final long rpcLogMaxBytes;
  private final Duration progressStaleAfter;
  private final Duration elicitationTimeout;
  private final String accessKeys;
  private final List<String> trustedProxies;
  private final String identityHeader;
  private final String jwtSecret;
  private final List<String> jwtPublicKeys;
  private final String jwtIssuer;
  private final String jwtAudience;
  private final List<String> allowedOrigins;
  private final List<String> allowedHosts;
  private final String cookieName;
  private final String cookieSameSite;
  private final String cookieSecure;
  private final boolean cookiePartitioned;
  private final List<String> outboundAllow;
  private final int maxServersPerSession;
  private final List<String> admins;

  private InspectorConfig(Builder b) {
    mode = b.mode;
    signingKeys = b.signingKeys;
    sessionIdleTimeout = b.sessionIdleTimeout;
    sessionMaxLifetime = b.sessionMaxLifetime;
    maxSessions = b.maxSessions;
    maxSessionsPerPrincipal = b.maxSessionsPerPrincipal;
    sweepInterval = b.sweepInterval;
    disposeTimeout = b.disposeTimeout;
    rpcLogCapacity = b.rpcLogCapacity;
    rpcLogMaxBytes = b.rpcLogMaxBytes;
    progressStaleAfter = b.progressStaleAfter;
    elicitationTimeout = b.elicitationTimeout;
    accessKeys = b.accessKeys;
    trustedProxies = b.trustedProxies;
    identityHeader = b.identityHeader;
    jwtSecret = b.jwtSecret;
    jwtPublicKeys = b.jwtPublicKeys;
    jwtIssuer = b.jwtIssuer;
    jwtAudience = b.jwtAudience;
    allowedOrigins = b.allowedOrigins;
    allowedHosts = b.allowedHosts;
    cookieName = b.cookieName;
    cookieSameSite = b.cookieSameSite;
    cookieSecure = b.cookieSecure;
    cookiePartitioned = b.cookiePartitioned;
    outboundAllow = b.outboundAllow;
    maxServersPerSession = b.maxServersPerSession;
    admins = b.admins;
  }

  /**
   * Starts a builder with every option at its default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code INSPECTOR_*} environment variables of this process.
   *
   * @return the configuration
   * @throws IllegalArgumentException when a variable has a bad value, naming it
   */
  public static InspectorConfig fromEnvironment() {
    return from(System::getenv);
  }

  /**
   * Reads options from a key/value source using the environment variable names as keys ({@code
   * INSPECTOR_MODE}, ...). Missing or blank values keep their defaults.
   *
   * @param source returns the value of a key, or null when absent
   * @return the configuration
   * @throws IllegalArgumentException when a value is bad, naming the key, the value and what is
   *     accepted
   */
  public static InspectorConfig from(Function<String, String> source) {
    return builder().apply(source).build();
  }

  /**
   * The environment variable names this configuration reads, in documentation order.
   *
   * @return the keys
   */
  public static List<String> keys() {
    return List.copyOf(Builder.PARSERS.keySet());
  }

  /**
   * @return the deployment mode
   */
  public Mode mode() {
    return mode;
  }

  /**
   * @return base64 signing keys, the first signs; empty when none were configured
   */
  public List<String> signingKeys() {
    return signingKeys;
  }

  /**
   * @return how long an unused session lives
   */
  public Duration sessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  /**
   * @return how long any session lives at most, used or not
   */
  public Duration sessionMaxLifetime() {
    return sessionMaxLifetime;
  }

  /**
   * @return the maximum number of sessions with a client manager
   */
  public int maxSessions() {
    return maxSessions;
  }

  /**
   * @return the maximum number of sessions of one principal
   */
  public int maxSessionsPerPrincipal() {
    return maxSessionsPerPrincipal;
  }

  /**
   * @return how often expired sessions are swept
   */
  public Duration sweepInterval() {
    return sweepInterval;
  }

  /**
   * @return how long closing one removed client manager may take
   */
  public Duration disposeTimeout() {
    return disposeTimeout;
  }

  /**
   * @return RPC log events kept per (session, server)
   */
  public int rpcLogCapacity() {
    return rpcLogCapacity;
  }

  /**
   * @return the byte budget of the whole RPC log
   */
  public long rpcLogMaxBytes() {
    return rpcLogMaxBytes;
  }

  /**
   * @return after how long without news a progress entry is dropped
   */
  public Duration progressStaleAfter() {
    return progressStaleAfter;
  }

  /**
   * @return how long an elicitation request waits for its answer
   */
  public Duration elicitationTimeout() {
    return elicitationTimeout;
  }

  /**
   * @return the access key specification ({@code name=key,...} or {@code @FILE}), if any
   */
  public Optional<String> accessKeys() {
    return Optional.ofNullable(accessKeys);
  }

  /**
   * @return CIDRs of proxies whose forwarded and identity headers are honoured
   */
  public List<String> trustedProxies() {
    return trustedProxies;
  }

  /**
   * @return the identity header set by a trusted proxy, if configured
   */
  public Optional<String> identityHeader() {
    return Optional.ofNullable(identityHeader);
  }

  /**
   * @return the base64 HS256 secret for JWT bearer tokens, if configured
   */
  public Optional<String> jwtSecret() {
    return Optional.ofNullable(jwtSecret);
  }

  /**
   * @return RSA or EC public keys (base64 X.509 or PEM, or {@code @FILE}) for JWT bearer tokens
   */
  public List<String> jwtPublicKeys() {
    return jwtPublicKeys;
  }

  /**
   * @return the required JWT {@code iss}, if configured
   */
  public Optional<String> jwtIssuer() {
    return Optional.ofNullable(jwtIssuer);
  }

  /**
   * @return the required JWT {@code aud}, if configured
   */
  public Optional<String> jwtAudience() {
    return Optional.ofNullable(jwtAudience);
  }

  /**
   * @return exact origins allowed for unsafe requests and CORS
   */
  public List<String> allowedOrigins() {
    return allowedOrigins;
  }

  /**
   * @return allowed {@code Host} names ({@code *.domain} wildcards); empty means the mode default
   */
  public List<String> allowedHosts() {
    return allowedHosts;
  }

  /**
   * @return the cookie name, if overridden
   */
  public Optional<String> cookieName() {
    return Optional.ofNullable(cookieName);
  }

  /**
   * @return the cookie SameSite attribute: Lax, Strict or None
   */
  public String cookieSameSite() {
    return cookieSameSite;
  }

  /**
   * @return the cookie Secure policy: always, never or auto
   */
  public String cookieSecure() {
    return cookieSecure;
  }

  /**
   * @return whether the cookie is Partitioned
   */
  public boolean cookiePartitioned() {
    return cookiePartitioned;
  }

  /**
   * @return hosts and CIDRs exempt from the SSRF guard and the https-only rule
   */
  public List<String> outboundAllow() {
    return outboundAllow;
  }

  /**
   * @return the maximum number of MCP servers one session may connect
   */
  public int maxServersPerSession() {
    return maxServersPerSession;
  }

  /**
   * @return principal names that get the admin role
   */
  public List<String> admins() {
    return admins;
  }

  @Override
  public String toString() {
    return "InspectorConfig{mode="
        + mode
        + ", signingKeys="
        + (signingKeys.isEmpty() ? "[]" : "<masked x" + signingKeys.size() + ">")
        + ", sessionIdleTimeout="
        + sessionIdleTimeout
        + ", sessionMaxLifetime="
        + sessionMaxLifetime
        + ", maxSessions="
        + maxSessions
        + ", maxSessionsPerPrincipal="
        + maxSessionsPerPrincipal
        + ", sweepInterval="
        + sweepInterval
        + ", disposeTimeout="
        + disposeTimeout
        + ", rpcLogCapacity="
        + rpcLogCapacity
        + ", rpcLogMaxBytes="
        + rpcLogMaxBytes
        + ", progressStaleAfter="
        + progressStaleAfter
        + ", elicitationTimeout="
        + elicitationTimeout
        + ", accessKeys="
        + (accessKeys == null ? "none" : "<masked>")
        + ", trustedProxies="
        + trustedProxies
        + ", identityHeader="
        + identityHeader
        + ", jwtSecret="
        + (jwtSecret == null ? "none" : "<masked>")
        + ", jwtPublicKeys="
        + jwtPublicKeys.size()
        + ", jwtIssuer="
        + jwtIssuer
        + ", jwtAudience="
        + jwtAudience
        + ", allowedOrigins="
        + allowedOrigins
        + ", allowedHosts="
        + allowedHosts
        + ", cookieName="
        + cookieName
        + ", cookieSameSite="
        + cookieSameSite
        + ", cookieSecure="
        + cookieSecure
        + ", cookiePartitioned="
        + cookiePartitioned
        + ", outboundAllow="
        + outboundAllow
        + ", maxServersPerSession="
        + maxServersPerSession
        + ", admins="
        + admins
        + "}";
  }

  /** Builds an {@link InspectorConfig}; each setter checks its argument. Not thread-safe. */
  public static final class Builder {

    private static final Map<String, BiConsumer<Builder, String>> PARSERS = parsers();

    private Mode mode = DEFAULT_MODE;
    private List<String> signingKeys = List.of();
    private Duration sessionIdleTimeout = DEFAULT_SESSION_IDLE_TIMEOUT;
    private Duration sessionMaxLifetime = DEFAULT_SESSION_MAX_LIFETIME;
    private int maxSessions = DEFAULT_MAX_SESSIONS;
    private int maxSessionsPerPrincipal = DEFAULT_MAX_SESSIONS_PER_PRINCIPAL;
    private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;
    private Duration disposeTimeout = DEFAULT_DISPOSE_TIMEOUT;
    private int rpcLogCapacity = DEFAULT_RPC_LOG_CAPACITY;
    private long rpcLogMaxBytes = DEFAULT_RPC_LOG_MAX_BYTES;
    private Duration progressStaleAfter = DEFAULT_PROGRESS_STALE_AFTER;
    private Duration elicitationTimeout = DEFAULT_ELICITATION_TIMEOUT;
    private String accessKeys;
    private List<String> trustedProxies = List.of();
    private String identityHeader;
    private String jwtSecret;
    private List<String> jwtPublicKeys = List.of();
    private String jwtIssuer;
    private String jwtAudience;
    private List<String> allowedOrigins = List.of();
    private List<String> allowedHosts = List.of();
    private String cookieName;
    private String cookieSameSite = DEFAULT_COOKIE_SAMESITE;
    private String cookieSecure = DEFAULT_COOKIE_SECURE;
    private boolean cookiePartitioned;
    private List<String> outboundAllow = List.of();
    private int maxServersPerSession = DEFAULT_MAX_SERVERS_PER_SESSION;
    private List<String> admins = List.of();

    private Builder() {}

    private static Map<String, BiConsumer<Builder, String>> parsers() {
      Map<String, BiConsumer<Builder, String>> p = new LinkedHashMap<>();
      p.put("INSPECTOR_MODE", (b, v) -> b.mode(Mode.parse(v)));
      p.put("INSPECTOR_SIGNING_KEYS", (b, v) -> b.signingKeys(ConfigValues.list(v)));
      p.put(
          "INSPECTOR_SESSION_IDLE_TIMEOUT",
          (b, v) -> b.sessionIdleTimeout(ConfigValues.duration("sessionIdleTimeout", v)));
      p.put(
          "INSPECTOR_SESSION_MAX_LIFETIME",
          (b, v) -> b.sessionMaxLifetime(ConfigValues.duration("sessionMaxLifetime", v)));
      p.put(
          "INSPECTOR_MAX_SESSIONS",
          (b, v) -> b.maxSessions(ConfigValues.positiveInt("maxSessions", v)));
      p.put(
          "INSPECTOR_MAX_SESSIONS_PER_PRINCIPAL",
          (b, v) ->
              b.maxSessionsPerPrincipal(ConfigValues.positiveInt("maxSessionsPerPrincipal", v)));
      p.put(
          "INSPECTOR_SWEEP_INTERVAL",
          (b, v) -> b.sweepInterval(ConfigValues.duration("sweepInterval", v)));
      p.put(
          "INSPECTOR_DISPOSE_TIMEOUT",
          (b, v) -> b.disposeTimeout(ConfigValues.duration("disposeTimeout", v)));
      p.put(
          "INSPECTOR_RPC_LOG_CAPACITY",
          (b, v) -> b.rpcLogCapacity(ConfigValues.positiveInt("rpcLogCapacity", v)));
      p.put(
          "INSPECTOR_RPC_LOG_MAX_BYTES",
          (b, v) -> b.rpcLogMaxBytes(ConfigValues.positiveLong("rpcLogMaxBytes", v)));
      p.put(
          "INSPECTOR_PROGRESS_STALE_AFTER",
          (b, v) -> b.progressStaleAfter(ConfigValues.duration("progressStaleAfter", v)));
      p.put(
          "INSPECTOR_ELICITATION_TIMEOUT",
          (b, v) -> b.elicitationTimeout(ConfigValues.duration("elicitationTimeout", v)));
      p.put("INSPECTOR_ACCESS_KEYS", Builder::accessKeys);
      p.put("INSPECTOR_TRUSTED_PROXIES", (b, v) -> b.trustedProxies(ConfigValues.list(v)));
      p.put("INSPECTOR_IDENTITY_HEADER", Builder::identityHeader);
      p.put("INSPECTOR_JWT_SECRET", Builder::jwtSecret);
      p.put("INSPECTOR_JWT_PUBLIC_KEYS", (b, v) -> b.jwtPublicKeys(ConfigValues.list(v)));
      p.put("INSPECTOR_JWT_ISSUER", Builder::jwtIssuer);
      p.put("INSPECTOR_JWT_AUDIENCE", Builder::jwtAudience);
      p.put("INSPECTOR_ALLOWED_ORIGINS", (b, v) -> b.allowedOrigins(ConfigValues.list(v)));
      p.put("INSPECTOR_ALLOWED_HOSTS", (b, v) -> b.allowedHosts(ConfigValues.list(v)));
      p.put("INSPECTOR_COOKIE_NAME", Builder::cookieName);
      p.put("INSPECTOR_COOKIE_SAMESITE", Builder::cookieSameSite);
      p.put("INSPECTOR_COOKIE_SECURE", Builder::cookieSecure);
      p.put(
          "INSPECTOR_COOKIE_PARTITIONED",
          (b, v) -> b.cookiePartitioned(ConfigValues.bool("cookiePartitioned", v)));
      p.put("INSPECTOR_OUTBOUND_ALLOW", (b, v) -> b.outboundAllow(ConfigValues.list(v)));
      p.put(
          "INSPECTOR_MAX_SERVERS_PER_SESSION",
          (b, v) -> b.maxServersPerSession(ConfigValues.positiveInt("maxServersPerSession", v)));
      p.put("INSPECTOR_ADMINS", (b, v) -> b.admins(ConfigValues.list(v)));
      return java.util.Collections.unmodifiableMap(p);
    }

    /**
     * Applies every option present in a key/value source, keyed by environment variable name.
     *
     * @param source returns the value of a key, or null when absent; blank values are ignored
     * @return this builder
     * @throws IllegalArgumentException when a value is bad; the message starts with the key
     */
    public Builder apply(Function<String, String> source) {
      Objects.requireNonNull(source, "source must not be null");
      for (Map.Entry<String, BiConsumer<Builder, String>> e : PARSERS.entrySet()) {
        String value = source.apply(e.getKey());
        if (value == null || value.isBlank()) {
          continue;
        }
        try {
          e.getValue().accept(this, value);
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(e.getKey() + ": " + ex.getMessage(), ex);
        }
      }
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
     * Sets the signing keys: base64 of at least 32 bytes each, the first signs, all verify.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder signingKeys(List<String> keys) {
      this.signingKeys = List.copyOf(keys);
      return this;
    }

    /**
     * Sets the session idle timeout.
     *
     * @param d a positive duration
     * @return this builder
     */
    public Builder sessionIdleTimeout(Duration d) {
      this.sessionIdleTimeout = Checks.positive("sessionIdleTimeout", d);
      return this;
    }

    /**
     * Sets the absolute session lifetime.
     *
     * @param d a positive duration
     * @return this builder
     */
    public Builder sessionMaxLifetime(Duration d) {
      this.sessionMaxLifetime = Checks.positive("sessionMaxLifetime", d);
      return this;
    }

    /**
     * Sets the maximum number of sessions with a client manager.
     *
     * @param n a positive number
     * @return this builder
     */
    public Builder maxSessions(int n) {
      this.maxSessions = Checks.positive("maxSessions", n);
      return this;
    }

    /**
     * Sets the maximum number of sessions per principal.
     *
     * @param n a positive number
     * @return this builder
     */
    public Builder maxSessionsPerPrincipal(int n) {
      this.maxSessionsPerPrincipal = Checks.positive("maxSessionsPerPrincipal", n);
      return this;
    }

    /**
     * Sets how often expired sessions are swept.
     *
     * @param d a positive duration
     * @return this builder
     */
    public Builder sweepInterval(Duration d) {
      this.sweepInterval = Checks.positive("sweepInterval", d);
      return this;
    }

    /**
     * Sets how long closing one removed manager may take before it is abandoned and counted.
     *
     * @param d a positive duration
     * @return this builder
     */
    public Builder disposeTimeout(Duration d) {
      this.disposeTimeout = Checks.positive("disposeTimeout", d);
      return this;
    }

    /**
     * Sets the RPC log ring size per (session, server).
     *
     * @param n a positive number of events
     * @return this builder
     */
    public Builder rpcLogCapacity(int n) {
      this.rpcLogCapacity = Checks.positive("rpcLogCapacity", n);
      return this;
    }

    /**
     * Sets the RPC log's global byte budget.
     *
     * @param bytes a positive number of bytes
     * @return this builder
     */
    public Builder rpcLogMaxBytes(long bytes) {
      this.rpcLogMaxBytes = Checks.positive("rpcLogMaxBytes", bytes);
      return this;
    }

    /**
     * Sets after how long without news a progress entry is dropped.
     *
     * @param d a positive duration
     * @return this builder
     */
    public Builder progressStaleAfter(Duration d) {
      this.progressStaleAfter = Checks.positive("progressStaleAfter", d);
      return this;
    }

    /**
     * Sets how long an elicitation request waits for an answer before it is cancelled.
     *
     * @param d a positive duration
     * @return this builder
     */
    public Builder elicitationTimeout(Duration d) {
      this.elicitationTimeout = Checks.positive("elicitationTimeout", d);
      return this;
    }

    /**
     * Sets the access keys: {@code name=key} pairs separated by commas, or {@code @FILE} with one
     * pair per line.
     *
     * @param spec the specification, or null for none
     * @return this builder
     */
    public Builder accessKeys(String spec) {
      this.accessKeys = blankToNull(spec);
      return this;
    }

    /**
     * Sets the CIDRs of trusted reverse proxies.
     *
     * @param cidrs IPv4 or IPv6 CIDRs
     * @return this builder
     */
    public Builder trustedProxies(List<String> cidrs) {
      this.trustedProxies = List.copyOf(cidrs);
      return this;
    }

    /**
     * Sets the identity header a trusted proxy sets to the authenticated user's name.
     *
     * @param header an HTTP header name, or null for none
     * @return this builder
     */
    public Builder identityHeader(String header) {
      this.identityHeader = blankToNull(header);
      return this;
    }

    /**
     * Sets the base64 HS256 secret for JWT bearer tokens.
     *
     * @param secret the secret, or null for none
     * @return this builder
     */
    public Builder jwtSecret(String secret) {
      this.jwtSecret = blankToNull(secret);
      return this;
    }

    /**
     * Sets RSA or EC public keys for RS256 or ES256 JWT bearer tokens.
     *
     * @param keys base64 X.509 keys, PEM text, or {@code @FILE} references
     * @return this builder
     */
    public Builder jwtPublicKeys(List<String> keys) {
      this.jwtPublicKeys = List.copyOf(keys);
      return this;
    }

    /**
     * Sets the required JWT issuer.
     *
     * @param issuer the {@code iss} value, or null to accept any
     * @return this builder
     */
    public Builder jwtIssuer(String issuer) {
      this.jwtIssuer = blankToNull(issuer);
      return this;
    }

    /**
     * Sets the required JWT audience; a token's {@code aud} (text or array) must contain it.
     *
     * @param audience the {@code aud} value, or null to accept any
     * @return this builder
     */
    public Builder jwtAudience(String audience) {
      this.jwtAudience = blankToNull(audience);
      return this;
    }

    /**
     * Sets the exact origins allowed for unsafe requests and CORS.
     *
     * @param origins origins such as {@code https://inspector.example.com}
     * @return this builder
     */
    public Builder allowedOrigins(List<String> origins) {
      this.allowedOrigins = List.copyOf(origins);
      return this;
    }

    /**
     * Sets the allowed {@code Host} names.
     *
     * @param hosts host names, {@code *.domain} wildcards allowed
     * @return this builder
     */
    public Builder allowedHosts(List<String> hosts) {
      this.allowedHosts = List.copyOf(hosts);
      return this;
    }

    /**
     * Overrides the session cookie name.
     *
     * @param name a cookie name, or null for the default
     * @return this builder
     */
    public Builder cookieName(String name) {
      this.cookieName = blankToNull(name);
      return this;
    }

    /**
     * Sets the cookie SameSite attribute.
     *
     * @param sameSite {@code Lax}, {@code Strict} or {@code None} (any case)
     * @return this builder
     */
    public Builder cookieSameSite(String sameSite) {
      this.cookieSameSite = oneOf("cookieSameSite", sameSite, List.of("Lax", "Strict", "None"));
      return this;
    }

    /**
     * Sets when the cookie is marked Secure.
     *
     * @param secure {@code always}, {@code never} or {@code auto} (any case)
     * @return this builder
     */
    public Builder cookieSecure(String secure) {
      this.cookieSecure = oneOf("cookieSecure", secure, List.of("always", "never", "auto"));
      return this;
    }

    /**
     * Sets whether the cookie is Partitioned (CHIPS); requires a Secure cookie.
     *
     * @param partitioned true to add the attribute
     * @return this builder
     */
    public Builder cookiePartitioned(boolean partitioned) {
      this.cookiePartitioned = partitioned;
      return this;
    }

    /**
     * Sets hosts and CIDRs exempt from the SSRF guard and the https-only rule.
     *
     * @param entries host names or CIDRs
     * @return this builder
     */
    public Builder outboundAllow(List<String> entries) {
      this.outboundAllow = List.copyOf(entries);
      return this;
    }

    /**
     * Sets the maximum number of MCP servers one session may connect.
     *
     * @param n a positive number
     * @return this builder
     */
    public Builder maxServersPerSession(int n) {
      this.maxServersPerSession = Checks.positive("maxServersPerSession", n);
      return this;
    }

    /**
     * Sets the principal names that get the admin role.
     *
     * @param names principal names
     * @return this builder
     */
    public Builder admins(List<String> names) {
      this.admins = List.copyOf(names);
      return this;
    }

    /**
     * Checks combinations and builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException when options contradict each other
     */
    public InspectorConfig build() {
      if (cookiePartitioned && cookieSecure.equals("never")) {
        throw new IllegalArgumentException(
            "cookiePartitioned=true requires a Secure cookie, but cookieSecure=never;"
                + " set cookieSecure to always or auto");
      }
      if (cookieSameSite.equals("None") && cookieSecure.equals("never")) {
        throw new IllegalArgumentException(
            "cookieSameSite=None requires a Secure cookie, but cookieSecure=never;"
                + " set cookieSecure to always or auto, or use SameSite Lax");
      }
      if (sessionMaxLifetime.compareTo(sessionIdleTimeout) < 0) {
        throw new IllegalArgumentException(
            "sessionMaxLifetime ("
                + sessionMaxLifetime
                + ") must not be shorter than sessionIdleTimeout ("
                + sessionIdleTimeout
                + ")");
      }
      return new InspectorConfig(this);
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }

    private static String oneOf(String option, String value, List<String> accepted) {
      if (value != null) {
        for (String a : accepted) {
          if (a.equalsIgnoreCase(value.trim())) {
            return a;
          }
        }
      }
      throw new IllegalArgumentException(
          option
              + " must be one of "
              + accepted.toString().toLowerCase(Locale.ROOT)
              + ", but was '"
              + value
              + "'");
    }
  }
}
