package dev.mcpinspector.core;

import dev.mcpinspector.core.auth.AccessKeys;
import dev.mcpinspector.core.auth.JwtKey;
import dev.mcpinspector.core.auth.JwtSettings;
import dev.mcpinspector.core.auth.SecurityConfig;
import dev.mcpinspector.core.config.ConfigException;
import dev.mcpinspector.core.config.ConfigOption;
import dev.mcpinspector.core.config.ConfigSource;
import dev.mcpinspector.core.config.OptionGroup;
import dev.mcpinspector.core.http.AllowedHosts;
import dev.mcpinspector.core.http.AllowedOrigins;
import dev.mcpinspector.core.http.HttpTokens;
import dev.mcpinspector.core.net.Cidr;
import dev.mcpinspector.core.outbound.OutboundConfig;
import dev.mcpinspector.core.ratelimit.RateLimit;
import dev.mcpinspector.core.session.SigningKeyRing;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of an {@code Inspector}, immutable. Each option is declared once, as a {@link
 * ConfigOption} constant of this class (key, default, description, rule), and listed by {@link
 * #OPTIONS}; {@code docs/configuration.md} shows the same list. Build one with {@link #builder()},
 * or read any {@link ConfigSource} (environment, init-parameters, properties, flags) with {@link
 * #read(ConfigSource)}.
 *
 * <p>A value is checked once, where it enters (a builder method or the parser of its option), and a
 * bad one fails with a {@link ConfigException} naming the option's key, the value and what is
 * accepted; combinations are checked once, in {@link Builder#build()}. Options of other modules
 * (declared the same way) can ride along: {@link Builder#set(ConfigOption, Object)}, {@link
 * Builder#read(ConfigSource, OptionGroup...)} and {@link #get(ConfigOption)}. Secrets are masked in
 * {@link #toString()}.
 */
public final class InspectorConfig {

  /** Option {@code INSPECTOR_MODE}. */
  public static final ConfigOption<Mode> MODE =
      ConfigOption.<Mode>builder("INSPECTOR_MODE")
          .description(
              "Deployment mode: local (one user, one shared manager) or hosted (many users, login required).")
          .accepted("local or hosted (any case)")
          .defaultValue(Mode.LOCAL, "local")
          .parser(InspectorConfig::parseMode)
          .build();

  /** Option {@code INSPECTOR_SIGNING_KEYS}. */
  public static final ConfigOption<List<String>> SIGNING_KEYS =
      ConfigOption.<List<String>>builder("INSPECTOR_SIGNING_KEYS")
          .description(
              "Cookie signing keys; the first signs, all verify (rotation). Hosted mode requires one.")
          .accepted("a comma-separated list of base64 keys of at least 32 bytes")
          .defaultValue(List.of(), "none (local: a random key per process)")
          .parser(t -> checkSigningKeys(ConfigOption.splitList(t)))
          .check(InspectorConfig::checkSigningKeys)
          .secret()
          .build();

  /** Option {@code INSPECTOR_SESSION_IDLE_TIMEOUT}. */
  public static final ConfigOption<Duration> SESSION_IDLE_TIMEOUT =
      ConfigOption.duration(
          "INSPECTOR_SESSION_IDLE_TIMEOUT",
          Duration.ofMinutes(30),
          Duration.ofSeconds(1),
          "How long a session lives without requests (leased sessions do not idle out).");

  /** Option {@code INSPECTOR_SESSION_MAX_LIFETIME}. */
  public static final ConfigOption<Duration> SESSION_MAX_LIFETIME =
      ConfigOption.duration(
          "INSPECTOR_SESSION_MAX_LIFETIME",
          Duration.ofHours(12),
          Duration.ofSeconds(1),
          "How long any session lives at most, used or not; ends even leased sessions.");

  /** Option {@code INSPECTOR_MAX_SESSIONS}. */
  public static final ConfigOption<Integer> MAX_SESSIONS =
      ConfigOption.positiveInt(
          "INSPECTOR_MAX_SESSIONS",
          1000,
          "Sessions with a client manager, process-wide; beyond it the least recently used idle one goes (503 server_busy when all are leased).");

  /** Option {@code INSPECTOR_MAX_SESSIONS_PER_PRINCIPAL}. */
  public static final ConfigOption<Integer> MAX_SESSIONS_PER_PRINCIPAL =
      ConfigOption.positiveInt(
          "INSPECTOR_MAX_SESSIONS_PER_PRINCIPAL",
          5,
          "Sessions with a client manager one principal may hold; beyond it that principal's own least recently used idle session goes.");

  /** Option {@code INSPECTOR_MAX_BOUND_SESSIONS}. */
  public static final ConfigOption<Integer> MAX_BOUND_SESSIONS =
      ConfigOption.positiveInt(
          "INSPECTOR_MAX_BOUND_SESSIONS",
          10_000,
          "Logged-in (bound) sessions tracked process-wide by the session resolver.");

  /** Option {@code INSPECTOR_SWEEP_INTERVAL}. */
  public static final ConfigOption<Duration> SWEEP_INTERVAL =
      ConfigOption.duration(
          "INSPECTOR_SWEEP_INTERVAL",
          Duration.ofSeconds(1),
          "How often expired sessions are swept (background, cost proportional to the sessions that expire).");

  /** Option {@code INSPECTOR_DISPOSE_TIMEOUT}. */
  public static final ConfigOption<Duration> DISPOSE_TIMEOUT =
      ConfigOption.duration(
          "INSPECTOR_DISPOSE_TIMEOUT",
          Duration.ofSeconds(10),
          "How long closing one removed client manager may take before it is abandoned and counted.");

  /** Option {@code INSPECTOR_RPC_LOG_CAPACITY}. */
  public static final ConfigOption<Integer> RPC_LOG_CAPACITY =
      ConfigOption.positiveInt(
          "INSPECTOR_RPC_LOG_CAPACITY", 1000, "RPC log events kept per (session, server).");

  /** Option {@code INSPECTOR_RPC_LOG_MAX_BYTES}. */
  public static final ConfigOption<Long> RPC_LOG_MAX_BYTES =
      ConfigOption.positiveLong(
          "INSPECTOR_RPC_LOG_MAX_BYTES",
          null,
          "1/8 of the max heap (Runtime.maxMemory()), at least 16 MiB",
          "Byte budget of the whole RPC log; the oldest events of the largest sessions are trimmed beyond it.");

  /** Option {@code INSPECTOR_RPC_LOG_MAX_EVENT_BYTES}. */
  public static final ConfigOption<Integer> RPC_LOG_MAX_EVENT_BYTES =
      ConfigOption.integer(
          "INSPECTOR_RPC_LOG_MAX_EVENT_BYTES",
          256 * 1024,
          1024,
          Integer.MAX_VALUE,
          "Largest RPC log event kept whole; longer messages are truncated with a marker.");

  /** Option {@code INSPECTOR_PROGRESS_STALE_AFTER}. */
  public static final ConfigOption<Duration> PROGRESS_STALE_AFTER =
      ConfigOption.duration(
          "INSPECTOR_PROGRESS_STALE_AFTER",
          Duration.ofMinutes(5),
          "After how long without news a progress entry is dropped.");

  /** Option {@code INSPECTOR_PROGRESS_MAX_TOKENS}. */
  public static final ConfigOption<Integer> PROGRESS_MAX_TOKENS =
      ConfigOption.positiveInt(
          "INSPECTOR_PROGRESS_MAX_TOKENS", 1000, "Progress tokens tracked per session.");

  /** Option {@code INSPECTOR_ELICITATION_TIMEOUT}. */
  public static final ConfigOption<Duration> ELICITATION_TIMEOUT =
      ConfigOption.duration(
          "INSPECTOR_ELICITATION_TIMEOUT",
          Duration.ofMinutes(10),
          "How long a request waiting on the user (elicitation) waits before it is cancelled.");

  /** Option {@code INSPECTOR_ELICITATION_MAX_PENDING}. */
  public static final ConfigOption<Integer> ELICITATION_MAX_PENDING =
      ConfigOption.positiveInt(
          "INSPECTOR_ELICITATION_MAX_PENDING",
          16,
          "Requests waiting on the user per session; beyond it new ones are declined at once.");

  /** Option {@code INSPECTOR_STREAMS_PER_SESSION}. */
  public static final ConfigOption<Integer> STREAMS_PER_SESSION =
      ConfigOption.positiveInt(
          "INSPECTOR_STREAMS_PER_SESSION",
          16,
          "Open event streams (RPC log, progress, elicitation, each) per session; beyond it 429.");

  /** Option {@code INSPECTOR_STREAM_STALL_TIMEOUT}. */
  public static final ConfigOption<Duration> STREAM_STALL_TIMEOUT =
      ConfigOption.duration(
          "INSPECTOR_STREAM_STALL_TIMEOUT",
          Duration.ofSeconds(30),
          "How long an event stream may stay full (a client that stopped reading) before it is ended.");

  /** Option {@code INSPECTOR_ACCESS_KEYS}. */
  public static final ConfigOption<String> ACCESS_KEYS =
      ConfigOption.<String>builder("INSPECTOR_ACCESS_KEYS")
          .description("Access keys for login and bearer use; the name becomes the principal.")
          .accepted("name=key pairs separated by commas, or @FILE with one pair per line")
          .parser(t -> checkAccessKeys(t.strip()))
          .check(InspectorConfig::checkAccessKeys)
          .secret()
          .build();

  /** Option {@code INSPECTOR_TRUSTED_PROXIES}. */
  public static final ConfigOption<List<String>> TRUSTED_PROXIES =
      ConfigOption.list(
          "INSPECTOR_TRUSTED_PROXIES",
          "IPv4/IPv6 CIDRs (10.0.0.0/8, ::1/128)",
          "Proxies whose forwarded and identity headers are honoured (judged by the TCP peer).",
          Cidr::parse);

  /** Option {@code INSPECTOR_IDENTITY_HEADER}. */
  public static final ConfigOption<String> IDENTITY_HEADER =
      ConfigOption.<String>builder("INSPECTOR_IDENTITY_HEADER")
          .description(
              "Header a trusted proxy sets to the authenticated user's name; needs"
                  + " INSPECTOR_TRUSTED_PROXIES.")
          .accepted("a dedicated HTTP header name (X-Forwarded-User)")
          .parser(String::strip)
          .check(h -> SecurityConfig.builder().identityHeader(h))
          .build();

  /** Option {@code INSPECTOR_JWT_SECRET}. */
  public static final ConfigOption<String> JWT_SECRET =
      ConfigOption.<String>builder("INSPECTOR_JWT_SECRET")
          .description("HS256 secret for JWT bearer tokens.")
          .accepted("a base64 secret of at least 32 bytes")
          .parser(String::strip)
          .check(JwtKey::hs256)
          .secret()
          .build();

  /** Option {@code INSPECTOR_JWT_PUBLIC_KEYS}. */
  public static final ConfigOption<List<String>> JWT_PUBLIC_KEYS =
      ConfigOption.list(
          "INSPECTOR_JWT_PUBLIC_KEYS",
          "RSA (RS256) or EC P-256 (ES256) public keys: base64 X.509, PEM, or @FILE",
          "Public keys for JWT bearer tokens.",
          JwtKey::parsePublicKeys);

  /** Option {@code INSPECTOR_JWT_ISSUER}. */
  public static final ConfigOption<String> JWT_ISSUER =
      ConfigOption.text(
          "INSPECTOR_JWT_ISSUER",
          "the required iss",
          "The issuer a JWT must name; unset accepts any, and principals are namespaced by the token's issuer either way.");

  /** Option {@code INSPECTOR_JWT_AUDIENCE}. */
  public static final ConfigOption<String> JWT_AUDIENCE =
      ConfigOption.text(
          "INSPECTOR_JWT_AUDIENCE",
          "the required aud",
          "The audience a JWT's aud (string or array) must contain; unset accepts any.");

  /** Option {@code INSPECTOR_JWT_LEEWAY}. */
  public static final ConfigOption<Duration> JWT_LEEWAY =
      ConfigOption.<Duration>builder("INSPECTOR_JWT_LEEWAY")
          .description("Clock skew allowed when checking a JWT's exp and nbf.")
          .accepted("a duration from 0 to PT5M: an ISO-8601 duration or a number of seconds")
          .defaultValue(JwtSettings.DEFAULT_LEEWAY, "PT1M")
          .parser(ConfigOption::parseDuration)
          .rule(d -> !d.isNegative() && d.compareTo(Duration.ofMinutes(5)) <= 0)
          .build();

  /** Option {@code INSPECTOR_JWT_MAX_LIFETIME}. */
  public static final ConfigOption<Duration> JWT_MAX_LIFETIME =
      ConfigOption.duration(
          "INSPECTOR_JWT_MAX_LIFETIME",
          JwtSettings.DEFAULT_MAX_LIFETIME,
          "Longest accepted JWT lifetime: exp - iat (or exp - now without iat); longer tokens are refused.");

  /** Option {@code INSPECTOR_LOGIN_FAILURE_LIMIT}. */
  public static final ConfigOption<Integer> LOGIN_FAILURE_LIMIT =
      ConfigOption.positiveInt(
          "INSPECTOR_LOGIN_FAILURE_LIMIT",
          10,
          "Failed logins (or refused credentials) per client address per window before 429 rate_limited.");

  /** Option {@code INSPECTOR_LOGIN_FAILURE_WINDOW}. */
  public static final ConfigOption<Duration> LOGIN_FAILURE_WINDOW =
      ConfigOption.duration(
          "INSPECTOR_LOGIN_FAILURE_WINDOW",
          Duration.ofMinutes(1),
          Duration.ofSeconds(1),
          "The window of INSPECTOR_LOGIN_FAILURE_LIMIT.");

  /** Option {@code INSPECTOR_ALLOWED_ORIGINS}. */
  public static final ConfigOption<List<String>> ALLOWED_ORIGINS =
      ConfigOption.list(
          "INSPECTOR_ALLOWED_ORIGINS",
          "exact origins (https://inspector.example.com)",
          "Origins allowed for unsafe requests and CORS besides the same origin.",
          AllowedOrigins::parse);

  /** Option {@code INSPECTOR_ALLOWED_HOSTS}. */
  public static final ConfigOption<List<String>> ALLOWED_HOSTS =
      ConfigOption.<List<String>>builder("INSPECTOR_ALLOWED_HOSTS")
          .description("Host header values accepted (DNS rebinding guard).")
          .accepted("a comma-separated list of host names, *.domain wildcards allowed")
          .defaultValue(List.of(), "local: localhost, 127.0.0.1, [::1]; hosted: any")
          .parser(t -> checkHosts(ConfigOption.splitList(t)))
          .check(InspectorConfig::checkHosts)
          .build();

  /** Option {@code INSPECTOR_COOKIE_NAME}. */
  public static final ConfigOption<String> COOKIE_NAME =
      ConfigOption.<String>builder("INSPECTOR_COOKIE_NAME")
          .description("Session cookie name.")
          .accepted("a cookie name (an RFC 6265 token)")
          .defaultValue(null, "__Host-inspector when Secure, else inspector")
          .parser(String::strip)
          .rule(HttpTokens::isToken)
          .build();

  /** Option {@code INSPECTOR_COOKIE_SAMESITE}. */
  public static final ConfigOption<String> COOKIE_SAMESITE =
      ConfigOption.oneOf(
          "INSPECTOR_COOKIE_SAMESITE",
          "Lax",
          List.of("Lax", "Strict", "None"),
          "The cookie's SameSite attribute (None needs a Secure cookie).");

  /** Option {@code INSPECTOR_COOKIE_SECURE}. */
  public static final ConfigOption<String> COOKIE_SECURE =
      ConfigOption.oneOf(
          "INSPECTOR_COOKIE_SECURE",
          "auto",
          List.of("always", "never", "auto"),
          "When the cookie is Secure: always, never, or auto (the request is HTTPS as seen through trusted proxies).");

  /** Option {@code INSPECTOR_COOKIE_PARTITIONED}. */
  public static final ConfigOption<Boolean> COOKIE_PARTITIONED =
      ConfigOption.bool(
          "INSPECTOR_COOKIE_PARTITIONED",
          false,
          "Adds the Partitioned attribute (CHIPS); needs a Secure cookie.");

  /** Option {@code INSPECTOR_COOKIE_MAX_AGE}. */
  public static final ConfigOption<Duration> COOKIE_MAX_AGE =
      ConfigOption.duration(
          "INSPECTOR_COOKIE_MAX_AGE",
          null,
          "Max-Age of the session cookie; unset makes it a browser-session cookie.");

  /** Option {@code INSPECTOR_OUTBOUND_ALLOW}. */
  public static final ConfigOption<List<String>> OUTBOUND_ALLOW =
      ConfigOption.list(
          "INSPECTOR_OUTBOUND_ALLOW",
          "IP addresses, CIDRs, host names or *.domain wildcards",
          "Hosts and networks exempt from the SSRF guard and from the https-only rule.",
          e -> OutboundConfig.builder().allow(e));

  /** Option {@code INSPECTOR_MAX_SERVERS_PER_SESSION}. */
  public static final ConfigOption<Integer> MAX_SERVERS_PER_SESSION =
      ConfigOption.positiveInt(
          "INSPECTOR_MAX_SERVERS_PER_SESSION", 10, "MCP servers one session may connect.");

  /** Option {@code INSPECTOR_CALL_RATE_LIMIT}. */
  public static final ConfigOption<RateLimit> CALL_RATE_LIMIT =
      RateLimit.option(
          "INSPECTOR_CALL_RATE_LIMIT",
          RateLimit.of(600, Duration.ofMinutes(1)),
          "MCP calls per principal (token bucket: the count is also the burst); beyond it 429 rate_limited with Retry-After.");

  /** Option {@code INSPECTOR_CONNECT_RATE_LIMIT}. */
  public static final ConfigOption<RateLimit> CONNECT_RATE_LIMIT =
      RateLimit.option(
          "INSPECTOR_CONNECT_RATE_LIMIT",
          RateLimit.of(60, Duration.ofMinutes(1)),
          "MCP server connects per principal (token bucket); beyond it 429 rate_limited with Retry-After.");

  /** Option {@code INSPECTOR_ADMINS}. */
  public static final ConfigOption<List<String>> ADMINS =
      ConfigOption.list(
          "INSPECTOR_ADMINS",
          "principal names",
          "Principals that get the admin role (GET /api/admin/stats).");

  /** Every option of the core, in documentation order. */
  public static final OptionGroup OPTIONS =
      OptionGroup.of(
          "core",
          "sessions, authentication, cookies, event plane, outbound policy and limits",
          MODE,
          SIGNING_KEYS,
          SESSION_IDLE_TIMEOUT,
          SESSION_MAX_LIFETIME,
          MAX_SESSIONS,
          MAX_SESSIONS_PER_PRINCIPAL,
          MAX_BOUND_SESSIONS,
          SWEEP_INTERVAL,
          DISPOSE_TIMEOUT,
          RPC_LOG_CAPACITY,
          RPC_LOG_MAX_BYTES,
          RPC_LOG_MAX_EVENT_BYTES,
          PROGRESS_STALE_AFTER,
          PROGRESS_MAX_TOKENS,
          ELICITATION_TIMEOUT,
          ELICITATION_MAX_PENDING,
          STREAMS_PER_SESSION,
          STREAM_STALL_TIMEOUT,
          ACCESS_KEYS,
          TRUSTED_PROXIES,
          IDENTITY_HEADER,
          JWT_SECRET,
          JWT_PUBLIC_KEYS,
          JWT_ISSUER,
          JWT_AUDIENCE,
          JWT_LEEWAY,
          JWT_MAX_LIFETIME,
          LOGIN_FAILURE_LIMIT,
          LOGIN_FAILURE_WINDOW,
          ALLOWED_ORIGINS,
          ALLOWED_HOSTS,
          COOKIE_NAME,
          COOKIE_SAMESITE,
          COOKIE_SECURE,
          COOKIE_PARTITIONED,
          COOKIE_MAX_AGE,
          OUTBOUND_ALLOW,
          MAX_SERVERS_PER_SESSION,
          CALL_RATE_LIMIT,
          CONNECT_RATE_LIMIT,
          ADMINS);

  /** Default for {@code INSPECTOR_MODE}. */
  public static final Mode DEFAULT_MODE = MODE.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_SESSION_IDLE_TIMEOUT}. */
  public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT =
      SESSION_IDLE_TIMEOUT.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_SESSION_MAX_LIFETIME}. */
  public static final Duration DEFAULT_SESSION_MAX_LIFETIME =
      SESSION_MAX_LIFETIME.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_MAX_SESSIONS}. */
  public static final int DEFAULT_MAX_SESSIONS = MAX_SESSIONS.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_MAX_SESSIONS_PER_PRINCIPAL}. */
  public static final int DEFAULT_MAX_SESSIONS_PER_PRINCIPAL =
      MAX_SESSIONS_PER_PRINCIPAL.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_SWEEP_INTERVAL}. */
  public static final Duration DEFAULT_SWEEP_INTERVAL = SWEEP_INTERVAL.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_DISPOSE_TIMEOUT}. */
  public static final Duration DEFAULT_DISPOSE_TIMEOUT =
      DISPOSE_TIMEOUT.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_RPC_LOG_CAPACITY}: events kept per (session, server). */
  public static final int DEFAULT_RPC_LOG_CAPACITY = RPC_LOG_CAPACITY.defaultValue().orElseThrow();

  /** Share of the max heap the RPC log may use by default ({@code INSPECTOR_RPC_LOG_MAX_BYTES}). */
  public static final int RPC_LOG_HEAP_SHARE_DIVISOR = 8;

  /** Smallest default RPC log budget, whatever the heap: 16 MiB. */
  public static final long RPC_LOG_MIN_DEFAULT_BYTES = 16L * 1024 * 1024;

  /** Default for {@code INSPECTOR_PROGRESS_STALE_AFTER}. */
  public static final Duration DEFAULT_PROGRESS_STALE_AFTER =
      PROGRESS_STALE_AFTER.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_ELICITATION_TIMEOUT}. */
  public static final Duration DEFAULT_ELICITATION_TIMEOUT =
      ELICITATION_TIMEOUT.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_MAX_SERVERS_PER_SESSION}. */
  public static final int DEFAULT_MAX_SERVERS_PER_SESSION =
      MAX_SERVERS_PER_SESSION.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_COOKIE_SAMESITE}. */
  public static final String DEFAULT_COOKIE_SAMESITE = COOKIE_SAMESITE.defaultValue().orElseThrow();

  /** Default for {@code INSPECTOR_COOKIE_SECURE}. */
  public static final String DEFAULT_COOKIE_SECURE = COOKIE_SECURE.defaultValue().orElseThrow();

  private final Map<ConfigOption<?>, Object> values;

  private static Mode parseMode(String text) {
    for (Mode m : Mode.values()) {
      if (m.wireName().equalsIgnoreCase(text.strip())) {
        return m;
      }
    }
    throw new IllegalArgumentException();
  }

  private static List<String> checkSigningKeys(List<String> keys) {
    if (!keys.isEmpty()) {
      SigningKeyRing.parse(String.join(",", keys));
    }
    return keys;
  }

  private static List<String> checkHosts(List<String> hosts) {
    if (!hosts.isEmpty()) {
      AllowedHosts.parse(String.join(",", hosts));
    }
    return hosts;
  }

  private static String checkAccessKeys(String spec) {
    AccessKeys.parse(spec);
    return spec;
  }

  private InspectorConfig(Map<ConfigOption<?>, Object> values) {
    this.values = Map.copyOf(values);
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
   * @throws ConfigException when a variable has a bad value, naming it
   */
  public static InspectorConfig fromEnvironment() {
    return read(ConfigSource.environment());
  }

  /**
   * Reads every core option from a source; absent or blank values keep their defaults.
   *
   * @param source the source, keyed by environment variable name
   * @return the configuration
   * @throws ConfigException when a value is bad, naming the key, the value and what is accepted, or
   *     when options contradict each other
   */
  public static InspectorConfig read(ConfigSource source) {
    return builder().read(source).build();
  }

  /**
   * Reads options from a key/value lookup using the environment variable names as keys.
   *
   * @param source returns the value of a key, or null when absent
   * @return the configuration
   * @throws ConfigException when a value is bad, naming the key, the value and what is accepted
   */
  public static InspectorConfig from(Function<String, String> source) {
    return read(ConfigSource.of(source));
  }

  /**
   * The environment variable names of the core options, in documentation order.
   *
   * @return the keys
   */
  public static List<String> keys() {
    return OPTIONS.keys();
  }

  /**
   * The value of any option: a core option, or another module's option set on the builder.
   *
   * @param option the option
   * @param <T> its type
   * @return the value, or the option's default when it was not set (empty when it has none)
   */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(ConfigOption<T> option) {
    Object v = values.get(option);
    return v != null ? Optional.of((T) v) : option.defaultValue();
  }

  private <T> T value(ConfigOption<T> option) {
    return get(option).orElseThrow();
  }

  /**
   * Option {@link #MODE}.
   *
   * @return the value
   */
  public Mode mode() {
    return value(MODE);
  }

  /**
   * Option {@link #SIGNING_KEYS}.
   *
   * @return the value
   */
  public List<String> signingKeys() {
    return value(SIGNING_KEYS);
  }

  /**
   * Option {@link #SESSION_IDLE_TIMEOUT}.
   *
   * @return the value
   */
  public Duration sessionIdleTimeout() {
    return value(SESSION_IDLE_TIMEOUT);
  }

  /**
   * Option {@link #SESSION_MAX_LIFETIME}.
   *
   * @return the value
   */
  public Duration sessionMaxLifetime() {
    return value(SESSION_MAX_LIFETIME);
  }

  /**
   * Option {@link #MAX_SESSIONS}.
   *
   * @return the value
   */
  public int maxSessions() {
    return value(MAX_SESSIONS);
  }

  /**
   * Option {@link #MAX_SESSIONS_PER_PRINCIPAL}.
   *
   * @return the value
   */
  public int maxSessionsPerPrincipal() {
    return value(MAX_SESSIONS_PER_PRINCIPAL);
  }

  /**
   * Option {@link #MAX_BOUND_SESSIONS}.
   *
   * @return the value
   */
  public int maxBoundSessions() {
    return value(MAX_BOUND_SESSIONS);
  }

  /**
   * Option {@link #SWEEP_INTERVAL}.
   *
   * @return the value
   */
  public Duration sweepInterval() {
    return value(SWEEP_INTERVAL);
  }

  /**
   * Option {@link #DISPOSE_TIMEOUT}.
   *
   * @return the value
   */
  public Duration disposeTimeout() {
    return value(DISPOSE_TIMEOUT);
  }

  /**
   * Option {@link #RPC_LOG_CAPACITY}.
   *
   * @return the value
   */
  public int rpcLogCapacity() {
    return value(RPC_LOG_CAPACITY);
  }

  /**
   * The byte budget of the whole RPC log.
   *
   * @return the configured value, or 1/{@value #RPC_LOG_HEAP_SHARE_DIVISOR} of the max heap (at
   *     least {@value #RPC_LOG_MIN_DEFAULT_BYTES} bytes)
   */
  public long rpcLogMaxBytes() {
    return get(RPC_LOG_MAX_BYTES).orElseGet(InspectorConfig::defaultRpcLogBytes);
  }

  /**
   * The default RPC log budget for this JVM.
   *
   * @return 1/8 of {@link Runtime#maxMemory()}, at least 16 MiB
   */
  public static long defaultRpcLogBytes() {
    long max = Runtime.getRuntime().maxMemory();
    long share = max == Long.MAX_VALUE ? 256L * 1024 * 1024 : max / RPC_LOG_HEAP_SHARE_DIVISOR;
    return Math.max(RPC_LOG_MIN_DEFAULT_BYTES, share);
  }

  /**
   * Option {@link #RPC_LOG_MAX_EVENT_BYTES}.
   *
   * @return the value
   */
  public int rpcLogMaxEventBytes() {
    return value(RPC_LOG_MAX_EVENT_BYTES);
  }

  /**
   * Option {@link #PROGRESS_STALE_AFTER}.
   *
   * @return the value
   */
  public Duration progressStaleAfter() {
    return value(PROGRESS_STALE_AFTER);
  }

  /**
   * Option {@link #PROGRESS_MAX_TOKENS}.
   *
   * @return the value
   */
  public int progressMaxTokens() {
    return value(PROGRESS_MAX_TOKENS);
  }

  /**
   * Option {@link #ELICITATION_TIMEOUT}.
   *
   * @return the value
   */
  public Duration elicitationTimeout() {
    return value(ELICITATION_TIMEOUT);
  }

  /**
   * Option {@link #ELICITATION_MAX_PENDING}.
   *
   * @return the value
   */
  public int elicitationMaxPending() {
    return value(ELICITATION_MAX_PENDING);
  }

  /**
   * Option {@link #STREAMS_PER_SESSION}.
   *
   * @return the value
   */
  public int streamsPerSession() {
    return value(STREAMS_PER_SESSION);
  }

  /**
   * Option {@link #STREAM_STALL_TIMEOUT}.
   *
   * @return the value
   */
  public Duration streamStallTimeout() {
    return value(STREAM_STALL_TIMEOUT);
  }

  /**
   * Option {@link #ACCESS_KEYS}.
   *
   * @return the value, or empty when unset
   */
  public Optional<String> accessKeys() {
    return get(ACCESS_KEYS);
  }

  /**
   * Option {@link #TRUSTED_PROXIES}.
   *
   * @return the value
   */
  public List<String> trustedProxies() {
    return value(TRUSTED_PROXIES);
  }

  /**
   * Option {@link #IDENTITY_HEADER}.
   *
   * @return the value, or empty when unset
   */
  public Optional<String> identityHeader() {
    return get(IDENTITY_HEADER);
  }

  /**
   * Option {@link #JWT_SECRET}.
   *
   * @return the value, or empty when unset
   */
  public Optional<String> jwtSecret() {
    return get(JWT_SECRET);
  }

  /**
   * Option {@link #JWT_PUBLIC_KEYS}.
   *
   * @return the value
   */
  public List<String> jwtPublicKeys() {
    return value(JWT_PUBLIC_KEYS);
  }

  /**
   * Option {@link #JWT_ISSUER}.
   *
   * @return the value, or empty when unset
   */
  public Optional<String> jwtIssuer() {
    return get(JWT_ISSUER);
  }

  /**
   * Option {@link #JWT_AUDIENCE}.
   *
   * @return the value, or empty when unset
   */
  public Optional<String> jwtAudience() {
    return get(JWT_AUDIENCE);
  }

  /**
   * Option {@link #JWT_LEEWAY}.
   *
   * @return the value
   */
  public Duration jwtLeeway() {
    return value(JWT_LEEWAY);
  }

  /**
   * Option {@link #JWT_MAX_LIFETIME}.
   *
   * @return the value
   */
  public Duration jwtMaxLifetime() {
    return value(JWT_MAX_LIFETIME);
  }

  /**
   * Option {@link #LOGIN_FAILURE_LIMIT}.
   *
   * @return the value
   */
  public int loginFailureLimit() {
    return value(LOGIN_FAILURE_LIMIT);
  }

  /**
   * Option {@link #LOGIN_FAILURE_WINDOW}.
   *
   * @return the value
   */
  public Duration loginFailureWindow() {
    return value(LOGIN_FAILURE_WINDOW);
  }

  /**
   * Option {@link #ALLOWED_ORIGINS}.
   *
   * @return the value
   */
  public List<String> allowedOrigins() {
    return value(ALLOWED_ORIGINS);
  }

  /**
   * Option {@link #ALLOWED_HOSTS}.
   *
   * @return the value
   */
  public List<String> allowedHosts() {
    return value(ALLOWED_HOSTS);
  }

  /**
   * Option {@link #COOKIE_NAME}.
   *
   * @return the value, or empty when unset
   */
  public Optional<String> cookieName() {
    return get(COOKIE_NAME);
  }

  /**
   * Option {@link #COOKIE_SAMESITE}.
   *
   * @return the value
   */
  public String cookieSameSite() {
    return value(COOKIE_SAMESITE);
  }

  /**
   * Option {@link #COOKIE_SECURE}.
   *
   * @return the value
   */
  public String cookieSecure() {
    return value(COOKIE_SECURE);
  }

  /**
   * Option {@link #COOKIE_PARTITIONED}.
   *
   * @return the value
   */
  public boolean cookiePartitioned() {
    return value(COOKIE_PARTITIONED);
  }

  /**
   * Option {@link #COOKIE_MAX_AGE}.
   *
   * @return the value, or empty when unset
   */
  public Optional<Duration> cookieMaxAge() {
    return get(COOKIE_MAX_AGE);
  }

  /**
   * Option {@link #OUTBOUND_ALLOW}.
   *
   * @return the value
   */
  public List<String> outboundAllow() {
    return value(OUTBOUND_ALLOW);
  }

  /**
   * Option {@link #MAX_SERVERS_PER_SESSION}.
   *
   * @return the value
   */
  public int maxServersPerSession() {
    return value(MAX_SERVERS_PER_SESSION);
  }

  /**
   * Option {@link #CALL_RATE_LIMIT}.
   *
   * @return the value
   */
  public RateLimit callRateLimit() {
    return value(CALL_RATE_LIMIT);
  }

  /**
   * Option {@link #CONNECT_RATE_LIMIT}.
   *
   * @return the value
   */
  public RateLimit connectRateLimit() {
    return value(CONNECT_RATE_LIMIT);
  }

  /**
   * Option {@link #ADMINS}.
   *
   * @return the value
   */
  public List<String> admins() {
    return value(ADMINS);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("InspectorConfig[");
    boolean first = true;
    for (ConfigOption<?> o : OPTIONS.options()) {
      Object v = values.get(o);
      if (v == null) {
        continue;
      }
      sb.append(first ? "" : ", ").append(o.key()).append('=').append(o.secret() ? "<masked>" : v);
      first = false;
    }
    return sb.append(']').toString();
  }

  /** Builds an {@link InspectorConfig}. Not thread-safe. */
  public static final class Builder {
    private final Map<ConfigOption<?>, Object> values = new HashMap<>();

    private Builder() {}

    /**
     * Sets any option (a core option or another module's), checking the option's rule.
     *
     * @param option the option
     * @param value the value, or null to go back to the default
     * @param <T> its type
     * @return this builder
     * @throws ConfigException naming the option's key, the value and what is accepted
     */
    public <T> Builder set(ConfigOption<T> option, T value) {
      Objects.requireNonNull(option, "option must not be null");
      if (value == null || (value instanceof String str && str.isBlank())) {
        values.remove(option);
      } else {
        values.put(option, option.check(value));
      }
      return this;
    }

    /**
     * Reads every core option present in a source, and the options of the extra groups.
     *
     * @param source the source, keyed by environment variable name; blank values are ignored
     * @param extra groups of other modules to read too ({@link InspectorConfig#get} returns them)
     * @return this builder
     * @throws ConfigException when a value is bad, naming the key, the value and what is accepted
     */
    public Builder read(ConfigSource source, OptionGroup... extra) {
      Objects.requireNonNull(source, "source must not be null");
      readGroup(source, OPTIONS);
      for (OptionGroup g : extra) {
        readGroup(source, g);
      }
      return this;
    }

    private void readGroup(ConfigSource source, OptionGroup group) {
      for (ConfigOption<?> o : group.options()) {
        readOne(source, o);
      }
    }

    private <T> void readOne(ConfigSource source, ConfigOption<T> o) {
      o.read(source).ifPresent(v -> values.put(o, v));
    }

    /**
     * Applies every option present in a key/value lookup, keyed by environment variable name.
     *
     * @param source returns the value of a key, or null when absent; blank values are ignored
     * @return this builder
     * @throws ConfigException when a value is bad; the message starts with the key
     */
    public Builder apply(Function<String, String> source) {
      return read(ConfigSource.of(source));
    }

    /**
     * Sets option {@link InspectorConfig#MODE}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder mode(Mode value) {
      return set(MODE, value);
    }

    /**
     * Sets option {@link InspectorConfig#SIGNING_KEYS}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder signingKeys(List<String> value) {
      return set(SIGNING_KEYS, value);
    }

    /**
     * Sets option {@link InspectorConfig#SESSION_IDLE_TIMEOUT}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder sessionIdleTimeout(Duration value) {
      return set(SESSION_IDLE_TIMEOUT, value);
    }

    /**
     * Sets option {@link InspectorConfig#SESSION_MAX_LIFETIME}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder sessionMaxLifetime(Duration value) {
      return set(SESSION_MAX_LIFETIME, value);
    }

    /**
     * Sets option {@link InspectorConfig#MAX_SESSIONS}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder maxSessions(Integer value) {
      return set(MAX_SESSIONS, value);
    }

    /**
     * Sets option {@link InspectorConfig#MAX_SESSIONS_PER_PRINCIPAL}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder maxSessionsPerPrincipal(Integer value) {
      return set(MAX_SESSIONS_PER_PRINCIPAL, value);
    }

    /**
     * Sets option {@link InspectorConfig#MAX_BOUND_SESSIONS}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder maxBoundSessions(Integer value) {
      return set(MAX_BOUND_SESSIONS, value);
    }

    /**
     * Sets option {@link InspectorConfig#SWEEP_INTERVAL}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder sweepInterval(Duration value) {
      return set(SWEEP_INTERVAL, value);
    }

    /**
     * Sets option {@link InspectorConfig#DISPOSE_TIMEOUT}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder disposeTimeout(Duration value) {
      return set(DISPOSE_TIMEOUT, value);
    }

    /**
     * Sets option {@link InspectorConfig#RPC_LOG_CAPACITY}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder rpcLogCapacity(Integer value) {
      return set(RPC_LOG_CAPACITY, value);
    }

    /**
     * Sets option {@link InspectorConfig#RPC_LOG_MAX_BYTES}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder rpcLogMaxBytes(Long value) {
      return set(RPC_LOG_MAX_BYTES, value);
    }

    /**
     * Sets option {@link InspectorConfig#RPC_LOG_MAX_EVENT_BYTES}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder rpcLogMaxEventBytes(Integer value) {
      return set(RPC_LOG_MAX_EVENT_BYTES, value);
    }

    /**
     * Sets option {@link InspectorConfig#PROGRESS_STALE_AFTER}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder progressStaleAfter(Duration value) {
      return set(PROGRESS_STALE_AFTER, value);
    }

    /**
     * Sets option {@link InspectorConfig#PROGRESS_MAX_TOKENS}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder progressMaxTokens(Integer value) {
      return set(PROGRESS_MAX_TOKENS, value);
    }

    /**
     * Sets option {@link InspectorConfig#ELICITATION_TIMEOUT}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder elicitationTimeout(Duration value) {
      return set(ELICITATION_TIMEOUT, value);
    }

    /**
     * Sets option {@link InspectorConfig#ELICITATION_MAX_PENDING}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder elicitationMaxPending(Integer value) {
      return set(ELICITATION_MAX_PENDING, value);
    }

    /**
     * Sets option {@link InspectorConfig#STREAMS_PER_SESSION}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder streamsPerSession(Integer value) {
      return set(STREAMS_PER_SESSION, value);
    }

    /**
     * Sets option {@link InspectorConfig#STREAM_STALL_TIMEOUT}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder streamStallTimeout(Duration value) {
      return set(STREAM_STALL_TIMEOUT, value);
    }

    /**
     * Sets option {@link InspectorConfig#ACCESS_KEYS}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder accessKeys(String value) {
      return set(ACCESS_KEYS, value);
    }

    /**
     * Sets option {@link InspectorConfig#TRUSTED_PROXIES}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder trustedProxies(List<String> value) {
      return set(TRUSTED_PROXIES, value);
    }

    /**
     * Sets option {@link InspectorConfig#IDENTITY_HEADER}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder identityHeader(String value) {
      return set(IDENTITY_HEADER, value);
    }

    /**
     * Sets option {@link InspectorConfig#JWT_SECRET}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder jwtSecret(String value) {
      return set(JWT_SECRET, value);
    }

    /**
     * Sets option {@link InspectorConfig#JWT_PUBLIC_KEYS}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder jwtPublicKeys(List<String> value) {
      return set(JWT_PUBLIC_KEYS, value);
    }

    /**
     * Sets option {@link InspectorConfig#JWT_ISSUER}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder jwtIssuer(String value) {
      return set(JWT_ISSUER, value);
    }

    /**
     * Sets option {@link InspectorConfig#JWT_AUDIENCE}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder jwtAudience(String value) {
      return set(JWT_AUDIENCE, value);
    }

    /**
     * Sets option {@link InspectorConfig#JWT_LEEWAY}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder jwtLeeway(Duration value) {
      return set(JWT_LEEWAY, value);
    }

    /**
     * Sets option {@link InspectorConfig#JWT_MAX_LIFETIME}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder jwtMaxLifetime(Duration value) {
      return set(JWT_MAX_LIFETIME, value);
    }

    /**
     * Sets option {@link InspectorConfig#LOGIN_FAILURE_LIMIT}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder loginFailureLimit(Integer value) {
      return set(LOGIN_FAILURE_LIMIT, value);
    }

    /**
     * Sets option {@link InspectorConfig#LOGIN_FAILURE_WINDOW}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder loginFailureWindow(Duration value) {
      return set(LOGIN_FAILURE_WINDOW, value);
    }

    /**
     * Sets option {@link InspectorConfig#ALLOWED_ORIGINS}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder allowedOrigins(List<String> value) {
      return set(ALLOWED_ORIGINS, value);
    }

    /**
     * Sets option {@link InspectorConfig#ALLOWED_HOSTS}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder allowedHosts(List<String> value) {
      return set(ALLOWED_HOSTS, value);
    }

    /**
     * Sets option {@link InspectorConfig#COOKIE_NAME}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder cookieName(String value) {
      return set(COOKIE_NAME, value);
    }

    /**
     * Sets option {@link InspectorConfig#COOKIE_SAMESITE}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder cookieSameSite(String value) {
      return set(COOKIE_SAMESITE, value);
    }

    /**
     * Sets option {@link InspectorConfig#COOKIE_SECURE}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder cookieSecure(String value) {
      return set(COOKIE_SECURE, value);
    }

    /**
     * Sets option {@link InspectorConfig#COOKIE_PARTITIONED}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder cookiePartitioned(Boolean value) {
      return set(COOKIE_PARTITIONED, value);
    }

    /**
     * Sets option {@link InspectorConfig#COOKIE_MAX_AGE}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder cookieMaxAge(Duration value) {
      return set(COOKIE_MAX_AGE, value);
    }

    /**
     * Sets option {@link InspectorConfig#OUTBOUND_ALLOW}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder outboundAllow(List<String> value) {
      return set(OUTBOUND_ALLOW, value);
    }

    /**
     * Sets option {@link InspectorConfig#MAX_SERVERS_PER_SESSION}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder maxServersPerSession(Integer value) {
      return set(MAX_SERVERS_PER_SESSION, value);
    }

    /**
     * Sets option {@link InspectorConfig#CALL_RATE_LIMIT}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder callRateLimit(RateLimit value) {
      return set(CALL_RATE_LIMIT, value);
    }

    /**
     * Sets option {@link InspectorConfig#CONNECT_RATE_LIMIT}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder connectRateLimit(RateLimit value) {
      return set(CONNECT_RATE_LIMIT, value);
    }

    /**
     * Sets option {@link InspectorConfig#ADMINS}.
     *
     * @param value the value, or null for the default
     * @return this builder
     * @throws ConfigException when the value breaks the option's rule
     */
    public Builder admins(List<String> value) {
      return set(ADMINS, value);
    }

    /**
     * Checks combinations and builds the configuration.
     *
     * @return the configuration
     * @throws ConfigException when options contradict each other, naming both and their values
     */
    public InspectorConfig build() {
      InspectorConfig c = new InspectorConfig(values);
      String secure = c.cookieSecure();
      if (c.cookiePartitioned() && secure.equals("never")) {
        throw new ConfigException(
            COOKIE_PARTITIONED.key(),
            "INSPECTOR_COOKIE_PARTITIONED=true requires a Secure cookie, but"
                + " INSPECTOR_COOKIE_SECURE=never; set INSPECTOR_COOKIE_SECURE to always or auto");
      }
      if (c.cookieSameSite().equals("None") && secure.equals("never")) {
        throw new ConfigException(
            COOKIE_SAMESITE.key(),
            "INSPECTOR_COOKIE_SAMESITE=None requires a Secure cookie, but"
                + " INSPECTOR_COOKIE_SECURE=never; set INSPECTOR_COOKIE_SECURE to always or auto,"
                + " or use SameSite Lax");
      }
      if (c.sessionMaxLifetime().compareTo(c.sessionIdleTimeout()) < 0) {
        throw new ConfigException(
            SESSION_MAX_LIFETIME.key(),
            "INSPECTOR_SESSION_MAX_LIFETIME ("
                + c.sessionMaxLifetime()
                + ") must not be shorter than INSPECTOR_SESSION_IDLE_TIMEOUT ("
                + c.sessionIdleTimeout()
                + ")");
      }
      if (c.identityHeader().isPresent() && c.trustedProxies().isEmpty()) {
        throw new ConfigException(
            IDENTITY_HEADER.key(),
            "INSPECTOR_IDENTITY_HEADER="
                + c.identityHeader().get()
                + " is only honoured from trusted proxies, but INSPECTOR_TRUSTED_PROXIES is"
                + " empty; list your proxy's addresses there");
      }
      return c;
    }
  }
}
