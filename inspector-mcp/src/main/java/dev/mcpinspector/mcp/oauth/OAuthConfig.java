package dev.mcpinspector.mcp.oauth;

import dev.mcpinspector.core.Mode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable configuration of the OAuth engine. Built with {@link #builder()} or read from the
 * environment with {@link #fromEnvironment(Map, Mode)}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code INSPECTOR_PUBLIC_BASE_URL}</td><td>none</td>
 *       <td>the deployment's public URL (with its context path): the redirect URI is {@code
 *       <base>/api/oauth/callback}, the client metadata document {@code
 *       <base>/oauth/client-metadata.json}. Without it the redirect URI is derived from the request
 *       and no Client ID Metadata Document is offered. Must be https in hosted mode.</td></tr>
 *   <tr><td>{@code INSPECTOR_OAUTH_CLIENTS}</td><td>none</td>
 *       <td>pre-registered clients, comma-separated {@code issuer=client_id} or {@code
 *       issuer=client_id:secret}</td></tr>
 *   <tr><td>{@code INSPECTOR_OAUTH_ALLOWED_ISSUERS}</td><td>any</td>
 *       <td>comma-separated issuer URLs; when set, any other authorization server is refused</td></tr>
 * </table>
 */
public final class OAuthConfig {

  /** Environment key of the public base URL. */
  public static final String ENV_PUBLIC_BASE_URL = "INSPECTOR_PUBLIC_BASE_URL";

  /** Environment key of the pre-registered clients. */
  public static final String ENV_CLIENTS = "INSPECTOR_OAUTH_CLIENTS";

  /** Environment key of the allowed issuers. */
  public static final String ENV_ALLOWED_ISSUERS = "INSPECTOR_OAUTH_ALLOWED_ISSUERS";

  /** How long a started authorization waits for its callback: 10 minutes. */
  public static final Duration DEFAULT_STATE_TTL = Duration.ofMinutes(10);

  /** The largest response body read from an OAuth endpoint: 256 KiB. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

  /** Timeout of one OAuth HTTP request: 10 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** An access token this close to expiry is refreshed before use: 60 seconds. */
  public static final Duration DEFAULT_REFRESH_BEFORE = Duration.ofSeconds(60);

  /** The path of the client metadata document below the public base URL. */
  public static final String CLIENT_METADATA_PATH = "/oauth/client-metadata.json";

  /** The path of the redirect URI below the public base URL. */
  public static final String CALLBACK_PATH = "/api/oauth/callback";

  private final Mode mode;
  private final URI publicBaseUrl;
  private final Map<String, ClientCredentials> clients;
  private final List<String> allowedIssuers;
  private final Duration stateTtl;
  private final int maxResponseBytes;
  private final Duration requestTimeout;
  private final Duration refreshBefore;
  private final String clientName;

  private OAuthConfig(Builder b) {
    this.mode = b.mode;
    this.publicBaseUrl = b.publicBaseUrl;
    this.clients = Map.copyOf(b.clients);
    this.allowedIssuers = List.copyOf(b.allowedIssuers);
    this.stateTtl = b.stateTtl;
    this.maxResponseBytes = b.maxResponseBytes;
    this.requestTimeout = b.requestTimeout;
    this.refreshBefore = b.refreshBefore;
    this.clientName = b.clientName;
  }

  /**
   * A new builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults for a mode.
   *
   * @param mode local or hosted
   * @return the configuration
   */
  public static OAuthConfig defaults(Mode mode) {
    return builder().mode(mode).build();
  }

  /**
   * Reads the settings of the class description from environment-style keys.
   *
   * @param env the variables (environment, init-parameters); missing keys take the default
   * @param mode the inspector's mode
   * @return the configuration
   * @throws IllegalArgumentException naming the key and the value when a value is malformed, or
   *     when hosted mode gets a non-https public base URL
   */
  public static OAuthConfig fromEnvironment(Map<String, String> env, Mode mode) {
    Builder b = builder().mode(mode);
    String base = blankToNull(env.get(ENV_PUBLIC_BASE_URL));
    if (base != null) {
      b.publicBaseUrl(base);
    }
    String clients = blankToNull(env.get(ENV_CLIENTS));
    if (clients != null) {
      for (String entry : clients.split(",")) {
        if (!entry.isBlank()) {
          b.parseClient(entry.trim());
        }
      }
    }
    String issuers = blankToNull(env.get(ENV_ALLOWED_ISSUERS));
    if (issuers != null) {
      for (String issuer : issuers.split(",")) {
        if (!issuer.isBlank()) {
          b.allowIssuer(issuer.trim());
        }
      }
    }
    return b.build();
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
   * The public base URL, without a trailing slash.
   *
   * @return the URL, or null when not configured
   */
  public URI publicBaseUrl() {
    return publicBaseUrl;
  }

  /**
   * The pre-registered client of an authorization server.
   *
   * @param issuer the issuer identifier
   * @return the client, or null when none is configured
   */
  public ClientCredentials client(String issuer) {
    return clients.get(normalizeIssuer(issuer));
  }

  /**
   * The allowed issuers; empty means every issuer is allowed.
   *
   * @return an unmodifiable list
   */
  public List<String> allowedIssuers() {
    return allowedIssuers;
  }

  /**
   * Tells whether an authorization server may be used.
   *
   * @param issuer the issuer identifier
   * @return true when no allowlist is set or it lists the issuer
   */
  public boolean issuerAllowed(String issuer) {
    return allowedIssuers.isEmpty() || allowedIssuers.contains(normalizeIssuer(issuer));
  }

  /**
   * How long a started authorization waits for its callback.
   *
   * @return the duration
   */
  public Duration stateTtl() {
    return stateTtl;
  }

  /**
   * The largest response body read from an OAuth endpoint.
   *
   * @return bytes
   */
  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Timeout of one OAuth HTTP request.
   *
   * @return the duration
   */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * How close to expiry an access token is refreshed before use.
   *
   * @return the duration
   */
  public Duration refreshBefore() {
    return refreshBefore;
  }

  /**
   * The client name sent in registrations and the metadata document.
   *
   * @return the name
   */
  public String clientName() {
    return clientName;
  }

  /**
   * The URL of the inspector's client metadata document (its client id where CIMD is used).
   *
   * @return the URL, or null without a public base URL
   */
  public URI clientMetadataUrl() {
    return publicBaseUrl == null ? null : URI.create(publicBaseUrl + CLIENT_METADATA_PATH);
  }

  /**
   * The redirect URI under the public base URL.
   *
   * @return the URL, or null without a public base URL
   */
  public URI callbackUrl() {
    return publicBaseUrl == null ? null : URI.create(publicBaseUrl + CALLBACK_PATH);
  }

  @Override
  public String toString() {
    return "OAuthConfig[mode="
        + mode
        + ", publicBaseUrl="
        + publicBaseUrl
        + ", clients="
        + clients.values()
        + ", allowedIssuers="
        + allowedIssuers
        + "]";
  }

  static String normalizeIssuer(String issuer) {
    return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** Builder of {@link OAuthConfig}; not thread-safe. */
  public static final class Builder {
    private Mode mode = Mode.LOCAL;
    private URI publicBaseUrl;
    private final Map<String, ClientCredentials> clients = new LinkedHashMap<>();
    private final List<String> allowedIssuers = new ArrayList<>();
    private Duration stateTtl = DEFAULT_STATE_TTL;
    private int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration refreshBefore = DEFAULT_REFRESH_BEFORE;
    private String clientName = "MCP Inspector";

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
     * Sets the public base URL.
     *
     * @param url an absolute http(s) URL without query or fragment; a trailing slash is removed
     * @return this builder
     * @throws IllegalArgumentException naming the key and value when malformed
     */
    public Builder publicBaseUrl(String url) {
      URI uri;
      try {
        uri = new URI(url.trim());
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            ENV_PUBLIC_BASE_URL + " must be an absolute http(s) URL, but was '" + url + "'", e);
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            ENV_PUBLIC_BASE_URL
                + " must be an absolute http(s) URL without user info, query or fragment, but was '"
                + url
                + "'");
      }
      String text = uri.toString();
      while (text.endsWith("/")) {
        text = text.substring(0, text.length() - 1);
      }
      this.publicBaseUrl = URI.create(text);
      return this;
    }

    /**
     * Pre-registers a client at an authorization server.
     *
     * @param issuer the issuer identifier
     * @param client the client
     * @return this builder
     */
    public Builder client(String issuer, ClientCredentials client) {
      clients.put(normalizeIssuer(checkIssuer(issuer, ENV_CLIENTS)), client);
      return this;
    }

    /**
     * Adds an allowed issuer; once one is added, others are refused.
     *
     * @param issuer the issuer identifier
     * @return this builder
     */
    public Builder allowIssuer(String issuer) {
      allowedIssuers.add(normalizeIssuer(checkIssuer(issuer, ENV_ALLOWED_ISSUERS)));
      return this;
    }

    /**
     * Sets how long a started authorization waits for its callback.
     *
     * @param ttl positive
     * @return this builder
     */
    public Builder stateTtl(Duration ttl) {
      this.stateTtl = positive(ttl, "stateTtl");
      return this;
    }

    /**
     * Sets the largest response body read from an OAuth endpoint.
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public Builder maxResponseBytes(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException(
            "maxResponseBytes must be at least 1024, but was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * Sets the timeout of one OAuth HTTP request.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Sets how close to expiry an access token is refreshed before use.
     *
     * @param margin zero or positive
     * @return this builder
     */
    public Builder refreshBefore(Duration margin) {
      Objects.requireNonNull(margin, "refreshBefore must not be null");
      if (margin.isNegative()) {
        throw new IllegalArgumentException("refreshBefore must not be negative, but was " + margin);
      }
      this.refreshBefore = margin;
      return this;
    }

    /**
     * Sets the client name used in registrations and the metadata document.
     *
     * @param name not blank
     * @return this builder
     */
    public Builder clientName(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("clientName must not be blank");
      }
      this.clientName = name;
      return this;
    }

    /**
     * Checks the combination and builds.
     *
     * @return the configuration
     * @throws IllegalArgumentException when hosted mode has a non-https public base URL
     */
    public OAuthConfig build() {
      if (mode == Mode.HOSTED
          && publicBaseUrl != null
          && !"https".equalsIgnoreCase(publicBaseUrl.getScheme())) {
        throw new IllegalArgumentException(
            ENV_PUBLIC_BASE_URL
                + " must be an https URL in hosted mode (authorization servers redirect users to it"
                + " and fetch the client metadata document from it), but was '"
                + publicBaseUrl
                + "'");
      }
      return new OAuthConfig(this);
    }

    void parseClient(String entry) {
      int eq = entry.indexOf('=', entry.indexOf("://") + 3);
      if (entry.indexOf("://") < 0 || eq < 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException(
            ENV_CLIENTS
                + " entries must be issuer=client_id or issuer=client_id:secret, but one was '"
                + mask(entry)
                + "'");
      }
      String issuer = entry.substring(0, eq).trim();
      String rest = entry.substring(eq + 1).trim();
      int colon = rest.indexOf(':');
      String id = colon < 0 ? rest : rest.substring(0, colon);
      String secret = colon < 0 ? null : rest.substring(colon + 1);
      if (id.isBlank() || (secret != null && secret.isEmpty())) {
        throw new IllegalArgumentException(
            ENV_CLIENTS
                + " entries must be issuer=client_id or issuer=client_id:secret, but one was '"
                + mask(entry)
                + "'");
      }
      client(issuer, new ClientCredentials(id.trim(), secret));
    }

    private static String mask(String entry) {
      int eq = entry.indexOf('=', Math.max(0, entry.indexOf("://") + 3));
      int colon = eq < 0 ? -1 : entry.indexOf(':', eq);
      return colon < 0 ? entry : entry.substring(0, colon) + ":<masked>";
    }

    private static String checkIssuer(String issuer, String key) {
      Objects.requireNonNull(issuer, "issuer must not be null");
      URI uri;
      try {
        uri = new URI(issuer);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(
            key + " issuers must be absolute http(s) URLs, but one was '" + issuer + "'", e);
      }
      if (uri.getScheme() == null
          || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new IllegalArgumentException(
            key
                + " issuers must be absolute http(s) URLs without query or fragment, but one was '"
                + issuer
                + "'");
      }
      return issuer;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " must not be null");
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + d);
      }
      return d;
    }
  }
}
