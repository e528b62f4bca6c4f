package dev.mcpinspector.mcp.oauth;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.session.SessionId;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth flow engine: runs the MCP authorization flow for one (session, server) at a time, keeps
 * the pending {@code state} values, exchanges codes, refreshes tokens and records every step for
 * the page. Tokens stay in the {@link TokenStore}; only {@link #accessToken} hands one out, to the
 * code that sends requests to the resource they were issued for. Thread-safe.
 *
 * <p>Order of the flow ({@link #authorize}): protected resource metadata (RFC 9728: the challenge's
 * {@code resource_metadata}, then the path-aware and root well-known URIs; when none exists the
 * server's origin is taken as the authorization server, as the 2025-03-26 specification did),
 * authorization server metadata (RFC 8414 then OpenID Connect discovery, path-aware; the {@code
 * issuer} must be the one asked for and must allow PKCE S256), the client identity (a client the
 * user supplies, then one the operator configured for the issuer, then the inspector's Client ID
 * Metadata Document when the server supports it, then dynamic client registration, RFC 7591), then
 * the authorization URL with PKCE S256, {@code state} and {@code resource} (RFC 8707).
 */
public final class OAuthFlows {

  /** Step name: fetching the protected resource metadata. */
  public static final String STEP_RESOURCE_METADATA = "resource_metadata";

  /** Step name: fetching the authorization server metadata. */
  public static final String STEP_SERVER_METADATA = "authorization_server_metadata";

  /** Step name: choosing or registering the client identity. */
  public static final String STEP_CLIENT = "client";

  /** Step name: building the authorization URL. */
  public static final String STEP_AUTHORIZATION = "authorization_request";

  /** Step name: the redirect back to the inspector. */
  public static final String STEP_CALLBACK = "callback";

  /** Step name: exchanging the code for tokens. */
  public static final String STEP_TOKEN = "token";

  /** Step name: refreshing the access token. */
  public static final String STEP_REFRESH = "refresh";

  /** The most pending authorizations held at once (all sessions). */
  static final int MAX_PENDING = 10_000;

  /** The most steps kept per (session, server). */
  static final int MAX_STEPS = 40;

  /** The longest state value looked up. */
  static final int MAX_STATE_LENGTH = 256;

  private static final List<String> STEP_ORDER =
      List.of(STEP_RESOURCE_METADATA, STEP_SERVER_METADATA, STEP_CLIENT, STEP_AUTHORIZATION);

  private final OAuthConfig config;
  private final OAuthHttp http;
  private final TokenStore store;
  private final Clock clock;
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TokenKey, Context> contexts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ClientCredentials> registered = new ConcurrentHashMap<>();

  /**
   * An engine.
   *
   * @param config the configuration
   * @param http the HTTP client every fetch goes through
   * @param store where grants live
   * @param clock the clock (state expiry, token expiry)
   */
  public OAuthFlows(OAuthConfig config, OAuthHttp http, TokenStore store, Clock clock) {
    this.config = Objects.requireNonNull(config, "config must not be null");
    this.http = Objects.requireNonNull(http, "http must not be null");
    this.store = Objects.requireNonNull(store, "store must not be null");
    this.clock = Objects.requireNonNull(clock, "clock must not be null");
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public OAuthConfig config() {
    return config;
  }

  /**
   * What starting an authorization needs.
   *
   * @param serverUrl the MCP server's URL (the protected resource)
   * @param challenge the {@code WWW-Authenticate} header of its 401/403, or null
   * @param redirectUri the redirect URI when no public base URL is configured (derived from the
   *     request), or null
   * @param client a client identity the user supplies, or null
   * @param scope the scope to ask for (space separated), or null for the challenge's or the
   *     metadata's
   * @param from re-run from this step (one of the step names before the callback), reusing what the
   *     earlier steps found; null to run everything
   */
  public record AuthorizeRequest(
      URI serverUrl,
      String challenge,
      URI redirectUri,
      ClientCredentials client,
      String scope,
      String from) {

    /**
     * Checks the arguments.
     *
     * @param serverUrl see the record description
     * @param challenge see the record description
     * @param redirectUri see the record description
     * @param client see the record description
     * @param scope see the record description
     * @param from see the record description
     */
    public AuthorizeRequest {
      Objects.requireNonNull(serverUrl, "serverUrl must not be null");
    }

    /**
     * A request for a server with nothing else said.
     *
     * @param serverUrl the MCP server URL
     * @param redirectUri the redirect URI, or null with a public base URL
     * @return the request
     */
    public static AuthorizeRequest of(URI serverUrl, URI redirectUri) {
      return new AuthorizeRequest(serverUrl, null, redirectUri, null, null, null);
    }
  }

  /**
   * A started authorization: the page opens the URL in a new window.
   *
   * @param authorizationUrl the authorization server's URL with the request
   * @param expiresAt until when the callback is accepted
   */
  public record AuthorizationStart(URI authorizationUrl, Instant expiresAt) {}

  /**
   * How a callback ended.
   *
   * @param key whose authorization it completed
   * @param scope the granted scope, or null
   */
  public record CallbackOutcome(TokenKey key, String scope) {}

  /**
   * The authorization state of one (session, server), for the page.
   *
   * @param status {@code none}, {@code pending} (waiting for the user), {@code authorized} or
   *     {@code needed} (a grant failed, expired without refresh, or needs more scope)
   * @param detail why {@code needed}, or null
   * @param issuer the authorization server, or null
   * @param clientId the client id used, or null
   * @param scope the granted (or required) scope, or null
   * @param expiresAt when the access token expires, or null
   * @param steps the steps of the latest flow and refreshes, oldest first
   */
  public record AuthStatus(
      String status,
      String detail,
      String issuer,
      String clientId,
      String scope,
      Instant expiresAt,
      List<FlowStep> steps) {}

  /**
   * Runs the flow up to the authorization URL.
   *
   * @param key whose
   * @param request the request
   * @return the URL to open
   * @throws OAuthException when a step fails ({@code url_forbidden}, {@code issuer_forbidden},
   *     {@code authorization_failed}, {@code bad_request}); the step is recorded as failed
   */
  public AuthorizationStart authorize(TokenKey key, AuthorizeRequest request) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(request, "request must not be null");
    URI redirect = config.callbackUrl() != null ? config.callbackUrl() : request.redirectUri();
    if (redirect == null) {
      throw new OAuthException(
          ProblemCode.BAD_REQUEST,
          "no redirect URI: set " + OAuthConfig.ENV_PUBLIC_BASE_URL + " to the inspector's URL");
    }
    Context ctx = contexts.computeIfAbsent(key, k -> new Context());
    synchronized (ctx) {
      int from = request.from() == null ? 0 : STEP_ORDER.indexOf(request.from());
      if (request.from() != null && from < 0) {
        throw new OAuthException(
            ProblemCode.BAD_REQUEST,
            "from must be one of " + STEP_ORDER + ", but was '" + request.from() + "'");
      }
      Discovery d = ctx.discovery;
      if (d == null || !d.serverUrl.equals(request.serverUrl()) || from <= 0) {
        from = 0;
        d = null;
      }
      ctx.steps.clear();
      ctx.detail = null;
      removePending(key);
      sweepExpired();
      BearerChallenge challenge = BearerChallenge.parse(request.challenge());
      if (from == 0) {
        Prm prm = resourceMetadata(ctx, request.serverUrl(), challenge);
        AuthorizationServerMetadata meta = serverMetadata(ctx, prm.issuer);
        d = new Discovery(request.serverUrl(), prm, meta, null);
      } else if (from == 1) {
        d = new Discovery(d.serverUrl, d.prm, serverMetadata(ctx, d.prm.issuer), null);
      }
      ClientCredentials client =
          from <= 2 || d.client == null
              ? client(ctx, d.meta, redirect, request.client())
              : d.client;
      d = new Discovery(d.serverUrl, d.prm, d.meta, client);
      ctx.discovery = d;
      String scope = firstNonBlank(request.scope(), challenge.scope().orElse(null), ctx.required);
      if (scope == null && !d.prm.scopes.isEmpty()) {
        scope = String.join(" ", d.prm.scopes);
      }
      if (pending.size() >= MAX_PENDING) {
        throw fail(
            ctx,
            STEP_AUTHORIZATION,
            List.of(),
            new OAuthException(
                ProblemCode.SERVER_BUSY,
                "too many authorizations are waiting for their callback ("
                    + MAX_PENDING
                    + "); try again later"));
      }
      CodeVerifier verifier = new CodeVerifier();
      State state = new State(32);
      AuthorizationRequest.Builder ab =
          new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(client.clientId()))
              .endpointURI(d.meta.getAuthorizationEndpointURI())
              .redirectionURI(redirect)
              .state(state)
              .codeChallenge(verifier, CodeChallengeMethod.S256)
              .resources(d.prm.resource);
      if (scope != null) {
        ab.scope(Scope.parse(scope));
      }
      URI url = ab.build().toURI();
      Instant expires = clock.instant().plus(config.stateTtl());
      pending.put(
          state.getValue(),
          new Pending(
              key,
              verifier,
              redirect,
              d.meta.getIssuer().getValue(),
              d.meta.getTokenEndpointURI(),
              client,
              d.prm.resource,
              scope,
              expires));
      ctx.status = Status.PENDING;
      ctx.issuer = d.meta.getIssuer().getValue();
      ctx.clientId = client.clientId();
      ctx.step(
          new FlowStep(
              STEP_AUTHORIZATION,
              FlowStep.OK,
              "authorization URL built (PKCE S256, resource "
                  + d.prm.resource
                  + (scope == null ? ", no scope" : ", scope '" + scope + "'")
                  + "); waiting for the user until "
                  + expires,
              List.of(new FlowStep.Exchange("GET", url.toString(), null, 0, null, null)),
              clock.instant()));
      return new AuthorizationStart(url, expires);
    }
  }

  /**
   * Handles the redirect back from the authorization server. A state that is unknown, used, expired
   * or another session's is refused and changes nothing of the flow it names.
   *
   * @param scope the session scope of the browser that followed the redirect
   * @param state the {@code state} parameter
   * @param code the {@code code} parameter, or null
   * @param error the {@code error} parameter, or null
   * @param errorDescription the {@code error_description} parameter, or null
   * @return what was authorized
   * @throws OAuthException {@code oauth_state_invalid} for a bad state; {@code
   *     authorization_failed} when the server answered an error or the token exchange failed (no
   *     token is stored)
   */
  public CallbackOutcome callback(
      SessionId scope, String state, String code, String error, String errorDescription) {
    Objects.requireNonNull(scope, "scope must not be null");
    if (state == null || state.isBlank() || state.length() > MAX_STATE_LENGTH) {
      throw stateInvalid("the callback has no usable state parameter");
    }
    Pending p = pending.get(state);
    if (p == null || !p.key.scope().equals(scope)) {
      throw stateInvalid(
          "the callback's state is unknown, already used, or not one of this session's");
    }
    if (!pending.remove(state, p)) {
      throw stateInvalid("the callback's state was used already");
    }
    Context ctx = contexts.computeIfAbsent(p.key, k -> new Context());
    synchronized (ctx) {
      if (!clock.instant().isBefore(p.expiresAt)) {
        ctx.status = Status.NEEDED;
        ctx.detail = "the authorization took too long (state expired at " + p.expiresAt + ")";
        ctx.step(
            new FlowStep(STEP_CALLBACK, FlowStep.FAILED, ctx.detail, List.of(), clock.instant()));
        throw stateInvalid("the callback's state expired at " + p.expiresAt + "; authorize again");
      }
      if (error != null && !error.isBlank()) {
        String msg =
            "the authorization server answered error="
                + printable(error, 64)
                + (errorDescription == null || errorDescription.isBlank()
                    ? ""
                    : " (" + printable(errorDescription, 300) + ")");
        throw fail(
            ctx,
            STEP_CALLBACK,
            List.of(),
            new OAuthException(ProblemCode.AUTHORIZATION_FAILED, msg));
      }
      if (code == null || code.isBlank()) {
        throw fail(
            ctx,
            STEP_CALLBACK,
            List.of(),
            new OAuthException(
                ProblemCode.AUTHORIZATION_FAILED, "the callback has neither code nor error"));
      }
      ctx.step(
          new FlowStep(
              STEP_CALLBACK,
              FlowStep.OK,
              "the authorization server redirected back with a code",
              List.of(),
              clock.instant()));
      AuthorizationGrant grant =
          new AuthorizationCodeGrant(new AuthorizationCode(code), p.redirectUri, p.verifier);
      StoredGrant stored =
          tokenRequest(
              ctx,
              STEP_TOKEN,
              p.issuer,
              p.tokenEndpoint,
              p.client,
              p.resource,
              grant,
              p.scope,
              null);
      store.put(p.key, stored);
      ctx.status = Status.AUTHORIZED;
      ctx.detail = null;
      ctx.required = null;
      return new CallbackOutcome(p.key, stored.scope());
    }
  }

  /**
   * The access token to send to the server of a key, refreshed first when it expires within {@link
   * OAuthConfig#refreshBefore()}.
   *
   * @param key whose
   * @return the token, or empty when there is none (or its refresh failed: the status is then
   *     {@code needed})
   */
  public Optional<String> accessToken(TokenKey key) {
    Optional<StoredGrant> grant = store.get(key);
    if (grant.isEmpty()) {
      return Optional.empty();
    }
    StoredGrant g = grant.get();
    if (g.expiresAt() != null
        && !clock.instant().plus(config.refreshBefore()).isBefore(g.expiresAt())) {
      return refresh(key, g.accessToken(), "the access token expires at " + g.expiresAt());
    }
    return Optional.of(g.accessToken());
  }

  /**
   * The server answered 401 to a request that carried {@code rejected}: refreshes once.
   *
   * @param key whose
   * @param rejected the access token the server refused
   * @return a new token to retry with, or empty (the status is then {@code needed})
   */
  public Optional<String> unauthorized(TokenKey key, String rejected) {
    return refresh(key, rejected, "the server refused the access token (401)");
  }

  /**
   * The server answered 403 {@code insufficient_scope}: the next authorization asks for the granted
   * scope plus the challenge's (step-up).
   *
   * @param key whose
   * @param challenge the {@code WWW-Authenticate} header
   * @return the scope the next authorization asks for
   */
  public String insufficientScope(TokenKey key, String challenge) {
    Context ctx = contexts.computeIfAbsent(key, k -> new Context());
    synchronized (ctx) {
      Set<String> scopes = new LinkedHashSet<>();
      store.get(key).map(StoredGrant::scope).ifPresent(s -> scopes.addAll(split(s)));
      BearerChallenge.parse(challenge).scope().ifPresent(s -> scopes.addAll(split(s)));
      ctx.required = scopes.isEmpty() ? null : String.join(" ", scopes);
      ctx.status = Status.NEEDED;
      ctx.detail =
          "the server needs more scope"
              + (ctx.required == null ? "" : " ('" + ctx.required + "')")
              + ": authorize again";
      return ctx.required;
    }
  }

  /**
   * The authorization state of a key.
   *
   * @param key whose
   * @return the state, steps included (redacted)
   */
  public AuthStatus status(TokenKey key) {
    Context ctx = contexts.get(key);
    Optional<StoredGrant> grant = store.get(key);
    if (ctx == null) {
      return grant
          .map(
              g ->
                  new AuthStatus(
                      "authorized",
                      null,
                      g.issuer(),
                      g.client().clientId(),
                      g.scope(),
                      g.expiresAt(),
                      List.of()))
          .orElseGet(() -> new AuthStatus("none", null, null, null, null, null, List.of()));
    }
    synchronized (ctx) {
      Status s = ctx.status;
      if (s == Status.PENDING && pendingOf(key).isEmpty()) {
        s = grant.isPresent() ? Status.AUTHORIZED : Status.NEEDED;
        if (s == Status.NEEDED && ctx.detail == null) {
          ctx.detail = "the authorization was not completed in time";
        }
      }
      if (s == Status.AUTHORIZED && grant.isEmpty()) {
        s = Status.NEEDED;
      }
      return new AuthStatus(
          s.name().toLowerCase(Locale.ROOT),
          s == Status.NEEDED ? ctx.detail : null,
          grant.map(StoredGrant::issuer).orElse(ctx.issuer),
          grant.map(g -> g.client().clientId()).orElse(ctx.clientId),
          grant.map(StoredGrant::scope).orElse(ctx.required),
          grant.map(StoredGrant::expiresAt).orElse(null),
          List.copyOf(ctx.steps));
    }
  }

  /**
   * Tells whether an authorization of a key is waiting for its callback.
   *
   * @param key whose
   * @return true while a state of the key is pending and not expired
   */
  public boolean isPending(TokenKey key) {
    return pendingOf(key).isPresent();
  }

  /**
   * Forgets everything of a key: grant, pending states, steps (the server was removed).
   *
   * @param key whose
   */
  public void forget(TokenKey key) {
    store.remove(key);
    removePending(key);
    contexts.remove(key);
  }

  /**
   * Forgets everything of a session (it ended).
   *
   * @param scope the session scope
   */
  public void forgetScope(SessionId scope) {
    store.removeScope(scope);
    pending.values().removeIf(p -> p.key.scope().equals(scope));
    contexts.keySet().removeIf(k -> k.scope().equals(scope));
  }

  /**
   * The inspector's Client ID Metadata Document, served at {@link OAuthConfig#clientMetadataUrl()}.
   *
   * @return the JSON text, or empty without a public base URL
   */
  public Optional<String> clientMetadataDocument() {
    URI id = config.clientMetadataUrl();
    if (id == null) {
      return Optional.empty();
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("client_id", id.toString());
    doc.put("client_name", config.clientName());
    doc.put("client_uri", config.publicBaseUrl().toString());
    doc.put("redirect_uris", List.of(config.callbackUrl().toString()));
    doc.put("grant_types", List.of("authorization_code", "refresh_token"));
    doc.put("response_types", List.of("code"));
    doc.put("token_endpoint_auth_method", "none");
    return Optional.of(JSONObjectUtils.toJSONString(doc));
  }

  // ---------------------------------------------------------------- steps

  private Prm resourceMetadata(Context ctx, URI serverUrl, BearerChallenge challenge) {
    List<FlowStep.Exchange> ex = new ArrayList<>();
    List<URI> candidates = new ArrayList<>();
    Optional<String> fromHeader = challenge.resourceMetadata();
    if (fromHeader.isPresent()) {
      candidates.add(parseUrl(ctx, STEP_RESOURCE_METADATA, fromHeader.get(), "resource_metadata"));
    } else {
      String path = serverUrl.getRawPath() == null ? "" : serverUrl.getRawPath();
      if (!path.isEmpty() && !path.equals("/")) {
        candidates.add(
            origin(serverUrl, "/.well-known/oauth-protected-resource" + trimSlash(path)));
      }
      candidates.add(origin(serverUrl, "/.well-known/oauth-protected-resource"));
    }
    try {
      for (URI candidate : candidates) {
        HTTPResponse r = send(ex, new HTTPRequest(HTTPRequest.Method.GET, candidate));
        if (r.getStatusCode() != 200) {
          continue;
        }
        Map<String, Object> json = json(r, "the protected resource metadata at " + candidate);
        String resource = string(json, "resource");
        if (resource == null) {
          throw new OAuthException(
              ProblemCode.AUTHORIZATION_FAILED,
              "the protected resource metadata at " + candidate + " has no 'resource' member");
        }
        URI res = parseUrl(ctx, STEP_RESOURCE_METADATA, resource, "resource");
        if (!covers(res, serverUrl)) {
          throw new OAuthException(
              ProblemCode.AUTHORIZATION_FAILED,
              "the protected resource metadata at "
                  + candidate
                  + " is for resource "
                  + res
                  + ", not for "
                  + serverUrl
                  + " (RFC 9728 s.3.3)");
        }
        List<String> servers = strings(json, "authorization_servers");
        if (servers.isEmpty()) {
          throw new OAuthException(
              ProblemCode.AUTHORIZATION_FAILED,
              "the protected resource metadata at "
                  + candidate
                  + " names no authorization_servers");
        }
        Prm prm = new Prm(res, servers.get(0), strings(json, "scopes_supported"));
        ctx.step(
            new FlowStep(
                STEP_RESOURCE_METADATA,
                FlowStep.OK,
                "resource " + res + ", authorization server " + prm.issuer,
                ex,
                clock.instant()));
        return prm;
      }
    } catch (OAuthException e) {
      throw fail(ctx, STEP_RESOURCE_METADATA, ex, e);
    }
    if (fromHeader.isPresent()) {
      throw fail(
          ctx,
          STEP_RESOURCE_METADATA,
          ex,
          new OAuthException(
              ProblemCode.AUTHORIZATION_FAILED,
              "the resource_metadata URL " + candidates.get(0) + " did not answer 200"));
    }
    // No metadata: the server's origin is the authorization server (MCP 2025-03-26).
    URI origin = origin(serverUrl, "");
    Prm prm = new Prm(canonical(serverUrl), origin.toString(), List.of());
    ctx.step(
        new FlowStep(
            STEP_RESOURCE_METADATA,
            FlowStep.OK,
            "no protected resource metadata; taking the server's origin "
                + origin
                + " as the authorization server",
            ex,
            clock.instant()));
    return prm;
  }

  private AuthorizationServerMetadata serverMetadata(Context ctx, String issuer) {
    List<FlowStep.Exchange> ex = new ArrayList<>();
    try {
      URI iss = parseUrl(ctx, STEP_SERVER_METADATA, issuer, "authorization server");
      if (!config.issuerAllowed(issuer)) {
        throw new OAuthException(
            ProblemCode.ISSUER_FORBIDDEN,
            "the authorization server "
                + issuer
                + " is not in "
                + OAuthConfig.ENV_ALLOWED_ISSUERS
                + " "
                + config.allowedIssuers());
      }
      String path = trimSlash(iss.getRawPath() == null ? "" : iss.getRawPath());
      List<URI> candidates = new ArrayList<>();
      candidates.add(origin(iss, "/.well-known/oauth-authorization-server" + path));
      candidates.add(origin(iss, "/.well-known/openid-configuration" + path));
      if (!path.isEmpty()) {
        candidates.add(origin(iss, path + "/.well-known/openid-configuration"));
      }
      for (URI candidate : candidates) {
        HTTPResponse r = send(ex, new HTTPRequest(HTTPRequest.Method.GET, candidate));
        if (r.getStatusCode() != 200) {
          continue;
        }
        Map<String, Object> json = json(r, "the authorization server metadata at " + candidate);
        AuthorizationServerMetadata meta;
        try {
          meta = AuthorizationServerMetadata.parse(new net.minidev.json.JSONObject(json));
        } catch (ParseException e) {
          throw new OAuthException(
              ProblemCode.AUTHORIZATION_FAILED,
              "the authorization server metadata at "
                  + candidate
                  + " is not valid: "
                  + printable(e.getMessage(), 200));
        }
        String got = meta.getIssuer() == null ? null : meta.getIssuer().getValue();
        if (got == null
            || !OAuthConfig.normalizeIssuer(got).equals(OAuthConfig.normalizeIssuer(issuer))) {
          throw new OAuthException(
              ProblemCode.AUTHORIZATION_FAILED,
              "the authorization server metadata at "
                  + candidate
                  + " names issuer "
                  + got
                  + ", not "
                  + issuer
                  + " (RFC 8414 s.3.3)");
        }
        if (meta.getAuthorizationEndpointURI() == null || meta.getTokenEndpointURI() == null) {
          throw new OAuthException(
              ProblemCode.AUTHORIZATION_FAILED,
              "the authorization server " + issuer + " has no authorization or token endpoint");
        }
        checkEndpoint(meta.getAuthorizationEndpointURI(), "authorization_endpoint");
        List<CodeChallengeMethod> pkce = meta.getCodeChallengeMethods();
        if (pkce == null || !pkce.contains(CodeChallengeMethod.S256)) {
          throw new OAuthException(
              ProblemCode.AUTHORIZATION_FAILED,
              "the authorization server "
                  + issuer
                  + " does not list S256 in code_challenge_methods_supported; PKCE S256 is"
                  + " required");
        }
        ctx.step(
            new FlowStep(
                STEP_SERVER_METADATA,
                FlowStep.OK,
                "issuer "
                    + got
                    + (meta.getRegistrationEndpointURI() != null
                        ? ", dynamic registration available"
                        : "")
                    + (Boolean.TRUE.equals(
                            meta.getCustomParameter("client_id_metadata_document_supported"))
                        ? ", client metadata documents supported"
                        : ""),
                ex,
                clock.instant()));
        return meta;
      }
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          "no authorization server metadata for " + issuer + " at " + candidates);
    } catch (OAuthException e) {
      throw fail(ctx, STEP_SERVER_METADATA, ex, e);
    }
  }

  private ClientCredentials client(
      Context ctx, AuthorizationServerMetadata meta, URI redirect, ClientCredentials user) {
    String issuer = meta.getIssuer().getValue();
    List<FlowStep.Exchange> ex = new ArrayList<>();
    try {
      ClientCredentials chosen;
      String how;
      if (user != null) {
        chosen = user;
        how = "the client id you supplied";
      } else if (config.client(issuer) != null) {
        chosen = config.client(issuer);
        how = "the client the operator configured in " + OAuthConfig.ENV_CLIENTS;
      } else if (Boolean.TRUE.equals(
              meta.getCustomParameter("client_id_metadata_document_supported"))
          && config.clientMetadataUrl() != null
          && (config.mode() == Mode.LOCAL
              || "https".equals(config.clientMetadataUrl().getScheme()))) {
        chosen = new ClientCredentials(config.clientMetadataUrl().toString(), null);
        how = "the inspector's client metadata document";
      } else if (meta.getRegistrationEndpointURI() != null) {
        String cacheKey = issuer + " " + redirect;
        ClientCredentials cached = registered.get(cacheKey);
        if (cached != null) {
          chosen = cached;
          how = "the client registered earlier at " + meta.getRegistrationEndpointURI();
        } else {
          chosen = register(ex, meta.getRegistrationEndpointURI(), redirect);
          registered.put(cacheKey, chosen);
          how = "dynamic client registration at " + meta.getRegistrationEndpointURI();
        }
      } else {
        throw new OAuthException(
            ProblemCode.AUTHORIZATION_FAILED,
            "the authorization server "
                + issuer
                + " supports neither client metadata documents nor dynamic registration: supply a"
                + " client id, or have the operator set one in "
                + OAuthConfig.ENV_CLIENTS);
      }
      ctx.step(
          new FlowStep(
              STEP_CLIENT,
              FlowStep.OK,
              "client id " + chosen.clientId() + " (" + how + ")",
              ex,
              clock.instant()));
      return chosen;
    } catch (OAuthException e) {
      throw fail(ctx, STEP_CLIENT, ex, e);
    }
  }

  private ClientCredentials register(List<FlowStep.Exchange> ex, URI endpoint, URI redirect) {
    ClientMetadata md = new ClientMetadata();
    md.setRedirectionURI(redirect);
    md.setName(config.clientName());
    md.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
    md.setResponseTypes(Set.of(ResponseType.CODE));
    md.setTokenEndpointAuthMethod(ClientAuthenticationMethod.NONE);
    HTTPResponse r = send(ex, new ClientRegistrationRequest(endpoint, md, null).toHTTPRequest());
    checkNotRedirect(r, endpoint);
    ClientRegistrationResponse parsed;
    try {
      parsed = ClientRegistrationResponse.parse(r);
    } catch (ParseException e) {
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          "the registration endpoint "
              + endpoint
              + " answered HTTP "
              + r.getStatusCode()
              + " that is not a registration response: "
              + printable(e.getMessage(), 200));
    }
    if (parsed instanceof ClientRegistrationErrorResponse err) {
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          "the registration endpoint "
              + endpoint
              + " refused the registration: "
              + describe(err.getErrorObject()));
    }
    ClientInformation info = ((ClientInformationResponse) parsed).getClientInformation();
    Secret secret = info.getSecret();
    return new ClientCredentials(
        info.getID().getValue(),
        secret == null || secret.getValue() == null || secret.getValue().isEmpty()
            ? null
            : secret.getValue());
  }

  private StoredGrant tokenRequest(
      Context ctx,
      String step,
      String issuer,
      URI endpoint,
      ClientCredentials client,
      URI resource,
      AuthorizationGrant grant,
      String requestedScope,
      String previousRefresh) {
    List<FlowStep.Exchange> ex = new ArrayList<>();
    try {
      TokenRequest.Builder tb =
          client.isPublic()
              ? new TokenRequest.Builder(endpoint, new ClientID(client.clientId()), grant)
              : new TokenRequest.Builder(
                  endpoint,
                  new ClientSecretBasic(
                      new ClientID(client.clientId()), new Secret(client.clientSecret())),
                  grant);
      tb.resources(resource);
      HTTPResponse r = send(ex, tb.build().toHTTPRequest());
      checkNotRedirect(r, endpoint);
      TokenResponse parsed;
      try {
        parsed = TokenResponse.parse(r);
      } catch (ParseException e) {
        throw new OAuthException(
            ProblemCode.AUTHORIZATION_FAILED,
            "the token endpoint "
                + endpoint
                + " answered HTTP "
                + r.getStatusCode()
                + " that is not a token response: "
                + printable(e.getMessage(), 200));
      }
      if (parsed instanceof TokenErrorResponse err) {
        throw new OAuthException(
            ProblemCode.AUTHORIZATION_FAILED,
            "the token endpoint "
                + endpoint
                + " refused the "
                + (step.equals(STEP_REFRESH) ? "refresh" : "code")
                + ": "
                + describe(err.getErrorObject()));
      }
      Tokens tokens = ((AccessTokenResponse) parsed).getTokens();
      BearerAccessToken bearer = tokens.getBearerAccessToken();
      if (bearer == null) {
        throw new OAuthException(
            ProblemCode.AUTHORIZATION_FAILED,
            "the token endpoint "
                + endpoint
                + " issued a token of type "
                + tokens.getAccessToken().getType()
                + "; only Bearer tokens are supported");
      }
      RefreshToken refresh = tokens.getRefreshToken();
      Instant expires =
          bearer.getLifetime() > 0 ? clock.instant().plusSeconds(bearer.getLifetime()) : null;
      String scope = bearer.getScope() != null ? bearer.getScope().toString() : requestedScope;
      StoredGrant g =
          new StoredGrant(
              issuer,
              endpoint,
              client,
              resource.toString(),
              bearer.getValue(),
              refresh != null ? refresh.getValue() : previousRefresh,
              expires,
              scope);
      ctx.step(
          new FlowStep(
              step,
              FlowStep.OK,
              "Bearer token issued"
                  + (expires == null ? "" : ", expires " + expires)
                  + (scope == null ? "" : ", scope '" + scope + "'")
                  + (refresh != null ? ", refresh token issued" : ""),
              ex,
              clock.instant()));
      return g;
    } catch (OAuthException e) {
      throw fail(ctx, step, ex, e);
    }
  }

  private Optional<String> refresh(TokenKey key, String stale, String why) {
    Context ctx = contexts.computeIfAbsent(key, k -> new Context());
    synchronized (ctx) {
      Optional<StoredGrant> current = store.get(key);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      StoredGrant g = current.get();
      if (!g.accessToken().equals(stale)) {
        return Optional.of(g.accessToken()); // another request refreshed it already
      }
      if (g.refreshToken() == null) {
        store.remove(key);
        ctx.status = Status.NEEDED;
        ctx.detail = why + " and there is no refresh token: authorize again";
        ctx.step(
            new FlowStep(STEP_REFRESH, FlowStep.FAILED, ctx.detail, List.of(), clock.instant()));
        return Optional.empty();
      }
      try {
        StoredGrant fresh =
            tokenRequest(
                ctx,
                STEP_REFRESH,
                g.issuer(),
                g.tokenEndpoint(),
                g.client(),
                URI.create(g.resource()),
                new RefreshTokenGrant(new RefreshToken(g.refreshToken())),
                g.scope(),
                g.refreshToken());
        store.put(key, fresh);
        ctx.status = Status.AUTHORIZED;
        ctx.detail = null;
        return Optional.of(fresh.accessToken());
      } catch (OAuthException e) {
        store.remove(key);
        ctx.status = Status.NEEDED;
        ctx.detail = "refreshing the token failed (" + e.getMessage() + "): authorize again";
        return Optional.empty();
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private HTTPResponse send(List<FlowStep.Exchange> ex, HTTPRequest req) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.getHeaderMap().forEach((name, values) -> headers.put(name, String.join(", ", values)));
    headers.putIfAbsent("Accept", "application/json");
    String body = req.getBody();
    String method = req.getMethod().name();
    String shownUrl = Redaction.url(req.getURI().toString());
    String shownBody =
        body == null
            ? null
            : body.strip().startsWith("{") ? Redaction.body(body) : Redaction.form(body);
    OAuthHttp.Response r;
    try {
      r = http.send(new OAuthHttp.Request(method, req.getURI(), headers, body));
    } catch (OAuthException e) {
      ex.add(new FlowStep.Exchange(method, shownUrl, shownBody, 0, null, e.getMessage()));
      throw e;
    }
    ex.add(
        new FlowStep.Exchange(
            method, shownUrl, shownBody, r.status(), Redaction.body(r.body()), null));
    HTTPResponse hr = new HTTPResponse(r.status());
    r.headers().forEach((name, values) -> hr.setHeader(name, values.toArray(String[]::new)));
    hr.setBody(r.body());
    return hr;
  }

  private static void checkNotRedirect(HTTPResponse r, URI endpoint) {
    int s = r.getStatusCode();
    if (s >= 300 && s < 400) {
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          endpoint
              + " answered a redirect (HTTP "
              + s
              + "); redirects are not followed for OAuth requests");
    }
  }

  private static Map<String, Object> json(HTTPResponse r, String what) {
    try {
      return JSONObjectUtils.parse(r.getBody() == null ? "" : r.getBody());
    } catch (java.text.ParseException e) {
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          what + " is not a JSON object: " + printable(e.getMessage(), 200));
    }
  }

  private static String string(Map<String, Object> json, String name) {
    Object v = json.get(name);
    return v instanceof String s && !s.isBlank() ? s : null;
  }

  private static List<String> strings(Map<String, Object> json, String name) {
    Object v = json.get(name);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isBlank()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private URI parseUrl(Context ctx, String step, String value, String what) {
    try {
      URI u = new URI(value);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
        throw new URISyntaxException(value, "not an absolute http(s) URL");
      }
      if (u.getRawFragment() != null || u.getRawUserInfo() != null) {
        throw new URISyntaxException(value, "has a fragment or user info");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          "the " + what + " URL '" + printable(value, 200) + "' is not valid: " + e.getReason());
    }
  }

  private void checkEndpoint(URI endpoint, String name) {
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    boolean ok = scheme.equals("https") || (scheme.equals("http") && config.mode() == Mode.LOCAL);
    if (!ok || endpoint.getHost() == null) {
      throw new OAuthException(
          ProblemCode.AUTHORIZATION_FAILED,
          "the "
              + name
              + " "
              + endpoint
              + " must be an https URL"
              + (config.mode() == Mode.LOCAL ? " or http" : " in hosted mode"));
    }
  }

  /** True when {@code resource} identifies {@code server}: same origin and a path prefix. */
  static boolean covers(URI resource, URI server) {
    if (!resource.getScheme().equalsIgnoreCase(server.getScheme())
        || !resource.getHost().equalsIgnoreCase(server.getHost())
        || port(resource) != port(server)) {
      return false;
    }
    String rp = trimSlash(resource.getRawPath() == null ? "" : resource.getRawPath());
    String sp = trimSlash(server.getRawPath() == null ? "" : server.getRawPath());
    return rp.isEmpty() || sp.equals(rp) || sp.startsWith(rp + "/");
  }

  private static int port(URI u) {
    return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  private static URI canonical(URI server) {
    String text = server.getScheme().toLowerCase(Locale.ROOT) + "://" + server.getRawAuthority();
    String path = trimSlash(server.getRawPath() == null ? "" : server.getRawPath());
    return URI.create(text.toLowerCase(Locale.ROOT) + path);
  }

  private static URI origin(URI u, String path) {
    return URI.create(u.getScheme() + "://" + u.getRawAuthority() + path);
  }

  private static String trimSlash(String path) {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private static List<String> split(String scope) {
    List<String> out = new ArrayList<>();
    for (String s : scope.trim().split("\\s+")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static String describe(ErrorObject e) {
    if (e == null) {
      return "no error object";
    }
    return (e.getCode() == null
            ? "HTTP " + e.getHTTPStatusCode()
            : "error=" + printable(e.getCode(), 64))
        + (e.getDescription() == null ? "" : " (" + printable(e.getDescription(), 300) + ")");
  }

  /** Printable ASCII only, cut: text from other servers shown in messages. */
  static String printable(String s, int max) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(c >= 32 && c < 127 ? c : '?');
    }
    return s.length() > max ? b + "..." : b.toString();
  }

  private static OAuthException stateInvalid(String message) {
    return new OAuthException(ProblemCode.OAUTH_STATE_INVALID, message);
  }

  private OAuthException fail(
      Context ctx, String step, List<FlowStep.Exchange> ex, OAuthException e) {
    ctx.status = Status.NEEDED;
    ctx.detail = e.getMessage();
    ctx.step(new FlowStep(step, FlowStep.FAILED, e.getMessage(), ex, clock.instant()));
    return e;
  }

  private Optional<Pending> pendingOf(TokenKey key) {
    Instant now = clock.instant();
    return pending.values().stream()
        .filter(p -> p.key.equals(key) && now.isBefore(p.expiresAt))
        .findFirst();
  }

  private void removePending(TokenKey key) {
    pending.values().removeIf(p -> p.key.equals(key));
  }

  private void sweepExpired() {
    Instant now = clock.instant();
    pending.values().removeIf(p -> !now.isBefore(p.expiresAt));
  }

  private enum Status {
    NONE,
    PENDING,
    AUTHORIZED,
    NEEDED
  }

  /** What the flow learned and did for one key; guarded by its own monitor. */
  private static final class Context {
    final List<FlowStep> steps = new ArrayList<>();
    Status status = Status.NONE;
    String detail;
    String issuer;
    String clientId;
    String required;
    Discovery discovery;

    void step(FlowStep s) {
      if (steps.size() >= MAX_STEPS) {
        steps.remove(0);
      }
      steps.add(s);
    }
  }

  private record Prm(URI resource, String issuer, List<String> scopes) {}

  private record Discovery(
      URI serverUrl, Prm prm, AuthorizationServerMetadata meta, ClientCredentials client) {}

  private record Pending(
      TokenKey key,
      CodeVerifier verifier,
      URI redirectUri,
      String issuer,
      URI tokenEndpoint,
      ClientCredentials client,
      URI resource,
      String scope,
      Instant expiresAt) {
    @Override
    public String toString() {
      return "Pending[" + key.serverId() + ", expires " + expiresAt + "]";
    }
  }
}
