package dev.mcpinspector.mcp.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.outbound.OutboundConfig;
import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.session.SessionId;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The flow engine against a scripted authorization server on loopback: the happy path's wire
 * details (PKCE S256, resource, state), then every bad input of the issue ends the flow with its
 * code, no token stored and nothing shown that is a secret.
 */
class OAuthFlowsBadInputTest {

  private static final URI REDIRECT = URI.create("http://127.0.0.1:1/api/oauth/callback");
  private static final String ACCESS = "at-secret-1";
  private static final String REFRESH = "rt-secret-1";

  private FakeAuthServer as;
  private MutableClock clock;
  private TokenStore store;
  private OAuthFlows flows;
  private TokenKey alice;
  private URI mcp;

  @BeforeEach
  void setUp() throws Exception {
    as = new FakeAuthServer();
    as.standard();
    clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    store = TokenStore.inMemory();
    flows = flows(OAuthConfig.builder().client(as.base(), new ClientCredentials("cid", null)));
    alice = new TokenKey(SessionId.generate(), "srv");
    mcp = URI.create(as.base() + "/mcp");
  }

  private OAuthFlows flows(OAuthConfig.Builder config) {
    OAuthConfig c = config.build();
    OutboundPolicy policy = OutboundPolicy.create(OutboundConfig.builder().mode(c.mode()).build());
    return new OAuthFlows(
        c, OAuthHttp.create(policy, 64 * 1024, Duration.ofSeconds(5)), store, clock);
  }

  @AfterEach
  void tearDown() {
    as.close();
  }

  private String tokenJson(String access, String refresh, int expiresIn) {
    return "{\"access_token\":\""
        + access
        + "\",\"token_type\":\"Bearer\",\"expires_in\":"
        + expiresIn
        + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"")
        + ",\"scope\":\"read\"}";
  }

  private Map<String, String> start(TokenKey key) {
    OAuthFlows.AuthorizationStart s =
        flows.authorize(
            key,
            new OAuthFlows.AuthorizeRequest(
                mcp, "Bearer scope=\"read\"", REDIRECT, null, null, null));
    return query(s.authorizationUrl());
  }

  static Map<String, String> query(URI url) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static Map<String, String> form(String body) {
    return query(URI.create("x:/?" + body));
  }

  @Test
  void happyPathSendsPkceS256ResourceAndStateAndStoresTheTokenServerSideOnly() throws Exception {
    as.json("/token", 200, tokenJson(ACCESS, REFRESH, 3600));
    Map<String, String> q = start(alice);
    assertEquals("S256", q.get("code_challenge_method"));
    assertEquals(mcp.toString(), q.get("resource"));
    assertEquals("read", q.get("scope"));
    assertEquals("cid", q.get("client_id"));
    assertTrue(q.get("state").length() >= 40, "state is 32 random bytes");
    assertTrue(flows.isPending(alice));

    flows.callback(alice.scope(), q.get("state"), "the-code", null, null);

    Map<String, String> token = form(as.posts.get("/token").get(0));
    assertEquals("authorization_code", token.get("grant_type"));
    assertEquals(mcp.toString(), token.get("resource"));
    String challenge =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(token.get("code_verifier").getBytes(StandardCharsets.US_ASCII)));
    assertEquals(q.get("code_challenge"), challenge, "the verifier matches the S256 challenge");
    assertEquals(ACCESS, flows.accessToken(alice).orElseThrow());
    OAuthFlows.AuthStatus status = flows.status(alice);
    assertEquals("authorized", status.status());
    String shown = status.toString();
    assertFalse(shown.contains(ACCESS), shown);
    assertFalse(shown.contains(REFRESH), shown);
    assertFalse(shown.contains("the-code"), shown);
    assertFalse(shown.contains(token.get("code_verifier")), shown);
    assertTrue(shown.contains(Redaction.MASK), shown);
  }

  @Test
  void unknownStateIsRefusedAndChangesNothing() {
    start(alice);
    OAuthException e =
        assertThrows(
            OAuthException.class,
            () -> flows.callback(alice.scope(), "no-such-state", "c", null, null));
    assertEquals(ProblemCode.OAUTH_STATE_INVALID, e.problem());
    assertTrue(flows.isPending(alice), "the real pending authorization is untouched");
    assertEquals(0, store.size());
    assertThrows(OAuthException.class, () -> flows.callback(alice.scope(), null, "c", null, null));
  }

  @Test
  void reusedStateIsRefused() {
    as.json("/token", 200, tokenJson(ACCESS, REFRESH, 3600));
    String state = start(alice).get("state");
    flows.callback(alice.scope(), state, "c", null, null);
    OAuthException e =
        assertThrows(
            OAuthException.class, () -> flows.callback(alice.scope(), state, "c2", null, null));
    assertEquals(ProblemCode.OAUTH_STATE_INVALID, e.problem());
    assertEquals(1, as.posts.get("/token").size(), "the second code was never exchanged");
  }

  @Test
  void expiredStateIsRefusedWithoutExchangingTheCode() {
    as.json("/token", 200, tokenJson(ACCESS, REFRESH, 3600));
    String state = start(alice).get("state");
    clock.advance(OAuthConfig.DEFAULT_STATE_TTL.plusSeconds(1));
    OAuthException e =
        assertThrows(
            OAuthException.class, () -> flows.callback(alice.scope(), state, "c", null, null));
    assertEquals(ProblemCode.OAUTH_STATE_INVALID, e.problem());
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
    assertEquals(0, store.size());
    assertTrue(as.posts.get("/token") == null);
    assertEquals("needed", flows.status(alice).status());
  }

  @Test
  void foreignStateIsRefusedAndTheOwnersFlowStillCompletes() {
    as.json("/token", 200, tokenJson(ACCESS, REFRESH, 3600));
    String state = start(alice).get("state");
    SessionId mallory = SessionId.generate();
    OAuthException e =
        assertThrows(
            OAuthException.class, () -> flows.callback(mallory, state, "evil-code", null, null));
    assertEquals(ProblemCode.OAUTH_STATE_INVALID, e.problem());
    assertEquals(0, store.size());
    assertTrue(flows.accessToken(new TokenKey(mallory, "srv")).isEmpty());
    flows.callback(alice.scope(), state, "good-code", null, null);
    assertEquals(ACCESS, flows.accessToken(alice).orElseThrow());
    assertTrue(flows.accessToken(new TokenKey(mallory, "srv")).isEmpty());
  }

  @Test
  void errorCallbackEndsTheFlowWithTheServersError() {
    String state = start(alice).get("state");
    OAuthException e =
        assertThrows(
            OAuthException.class,
            () ->
                flows.callback(
                    alice.scope(), state, null, "access_denied", "The user said no\r\nX: y"));
    assertEquals(ProblemCode.AUTHORIZATION_FAILED, e.problem());
    assertTrue(e.getMessage().contains("access_denied"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "control characters are not passed on");
    assertEquals(0, store.size());
    OAuthFlows.AuthStatus s = flows.status(alice);
    assertEquals("needed", s.status());
    assertEquals(FlowStep.FAILED, s.steps().get(s.steps().size() - 1).outcome());
  }

  private OAuthException failedExchange() {
    String state = start(alice).get("state");
    OAuthException e =
        assertThrows(
            OAuthException.class, () -> flows.callback(alice.scope(), state, "c", null, null));
    assertEquals(0, store.size(), "no token stored");
    assertEquals("needed", flows.status(alice).status());
    OAuthFlows.AuthStatus s = flows.status(alice);
    FlowStep last = s.steps().get(s.steps().size() - 1);
    assertEquals(OAuthFlows.STEP_TOKEN, last.name());
    assertEquals(FlowStep.FAILED, last.outcome());
    return e;
  }

  @Test
  void tokenEndpointGarbageFails() {
    as.route("/token", ex -> FakeAuthServer.send(ex, 200, "text/html", "<html>hello</html>"));
    OAuthException e = failedExchange();
    assertEquals(ProblemCode.AUTHORIZATION_FAILED, e.problem());
    assertTrue(e.getMessage().contains("not a token response"), e.getMessage());
  }

  @Test
  void tokenEndpoint500Fails() {
    as.route("/token", ex -> FakeAuthServer.send(ex, 500, "text/plain", "boom"));
    OAuthException e = failedExchange();
    assertEquals(ProblemCode.AUTHORIZATION_FAILED, e.problem());
    assertTrue(e.getMessage().contains("500"), e.getMessage());
  }

  @Test
  void tokenEndpointFiftyMegabytesIsCutOff() {
    as.route(
        "/token",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "application/json");
          ex.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) ' ');
          try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < 800; i++) {
              out.write(chunk);
            }
          } catch (java.io.IOException closedByClient) {
            // the client stops reading at its cap
          }
        });
    OAuthException e = failedExchange();
    assertEquals(ProblemCode.AUTHORIZATION_FAILED, e.problem());
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }

  @Test
  void tokenEndpointRedirectIsNotFollowed() {
    as.route(
        "/token",
        ex -> {
          ex.getResponseHeaders().set("Location", as.base() + "/elsewhere");
          FakeAuthServer.send(ex, 307, "text/plain", "");
        });
    as.json("/elsewhere", 200, tokenJson(ACCESS, REFRESH, 3600));
    OAuthException e = failedExchange();
    assertTrue(e.getMessage().contains("redirect"), e.getMessage());
    assertTrue(as.posts.get("/elsewhere") == null, "the redirect was not followed");
  }

  @Test
  void issuerMismatchEndsDiscovery() {
    as.json("/.well-known/oauth-authorization-server", 200, as.metadata("https://evil.example"));
    OAuthException e = assertThrows(OAuthException.class, () -> start(alice));
    assertEquals(ProblemCode.AUTHORIZATION_FAILED, e.problem());
    assertTrue(e.getMessage().contains("evil.example"), e.getMessage());
    assertFalse(flows.isPending(alice));
    assertEquals(OAuthFlows.STEP_SERVER_METADATA, lastStep().name());
  }

  @Test
  void issuerNotAllowedIsRefusedBeforeAnyFetch() {
    flows = flows(OAuthConfig.builder().allowIssuer("https://login.example.com"));
    OAuthException e = assertThrows(OAuthException.class, () -> start(alice));
    assertEquals(ProblemCode.ISSUER_FORBIDDEN, e.problem());
    assertTrue(e.getMessage().contains(OAuthConfig.ENV_ALLOWED_ISSUERS), e.getMessage());
    assertTrue(lastStep().exchanges().isEmpty(), "no metadata fetched");
  }

  @Test
  void resourceMetadataAtAPrivateAddressIsRefusedInHostedMode() {
    flows = flows(OAuthConfig.builder().mode(Mode.HOSTED));
    OAuthException e =
        assertThrows(
            OAuthException.class,
            () ->
                flows.authorize(
                    alice,
                    new OAuthFlows.AuthorizeRequest(
                        URI.create("https://mcp.example.com/mcp"),
                        "Bearer resource_metadata=\"https://10.1.2.3/.well-known/x\"",
                        URI.create("https://inspector.example.com/api/oauth/callback"),
                        null,
                        null,
                        null)));
    assertEquals(ProblemCode.URL_FORBIDDEN, e.problem());
    assertEquals(OAuthFlows.STEP_RESOURCE_METADATA, lastStep().name());
    assertEquals(FlowStep.FAILED, lastStep().outcome());
  }

  @Test
  void resourceMetadataForAnotherResourceIsRefused() {
    as.json(
        "/.well-known/oauth-protected-resource/mcp",
        200,
        "{\"resource\":\"https://other.example/mcp\",\"authorization_servers\":[\""
            + as.base()
            + "\"]}");
    OAuthException e = assertThrows(OAuthException.class, () -> start(alice));
    assertTrue(e.getMessage().contains("RFC 9728"), e.getMessage());
  }

  @Test
  void serverWithoutS256IsRefused() {
    as.json(
        "/.well-known/oauth-authorization-server",
        200,
        as.metadata(as.base()).replace("\"S256\"", "\"plain\""));
    OAuthException e = assertThrows(OAuthException.class, () -> start(alice));
    assertTrue(e.getMessage().contains("S256"), e.getMessage());
  }

  @Test
  void refreshBeforeExpiryThenFailedRefreshMeansAuthorizationNeeded() {
    as.json("/token", 200, tokenJson(ACCESS, REFRESH, 120));
    flows.callback(alice.scope(), start(alice).get("state"), "c", null, null);
    assertEquals(ACCESS, flows.accessToken(alice).orElseThrow());

    as.json("/token", 200, tokenJson("at-2", null, 120));
    clock.advance(Duration.ofSeconds(90)); // within the 60 s margin
    assertEquals("at-2", flows.accessToken(alice).orElseThrow());
    Map<String, String> refresh = form(as.posts.get("/token").get(1));
    assertEquals("refresh_token", refresh.get("grant_type"));
    assertEquals(REFRESH, refresh.get("refresh_token"));
    assertEquals(mcp.toString(), refresh.get("resource"));

    // the server refuses at-2: refresh on 401, which the authorization server refuses
    as.json("/token", 400, "{\"error\":\"invalid_grant\"}");
    assertTrue(flows.unauthorized(alice, "at-2").isEmpty());
    assertEquals(0, store.size());
    OAuthFlows.AuthStatus s = flows.status(alice);
    assertEquals("needed", s.status());
    assertTrue(s.detail().contains("invalid_grant"), s.detail());
    assertFalse(s.toString().contains(REFRESH));
  }

  @Test
  void insufficientScopeStepsUpTheNextAuthorization() {
    as.json("/token", 200, tokenJson(ACCESS, REFRESH, 3600));
    flows.callback(alice.scope(), start(alice).get("state"), "c", null, null);
    String scope =
        flows.insufficientScope(alice, "Bearer error=\"insufficient_scope\", scope=\"write\"");
    assertEquals("read write", scope);
    assertEquals("needed", flows.status(alice).status());
    OAuthFlows.AuthorizationStart s =
        flows.authorize(alice, OAuthFlows.AuthorizeRequest.of(mcp, REDIRECT));
    assertEquals("read write", query(s.authorizationUrl()).get("scope"));
  }

  @Test
  void forgettingASessionDropsItsTokensOnly() {
    as.json("/token", 200, tokenJson(ACCESS, REFRESH, 3600));
    TokenKey bob = new TokenKey(SessionId.generate(), "srv");
    flows.callback(alice.scope(), start(alice).get("state"), "c", null, null);
    flows.callback(bob.scope(), start(bob).get("state"), "c", null, null);
    flows.forgetScope(alice.scope());
    assertTrue(flows.accessToken(alice).isEmpty());
    assertTrue(flows.accessToken(bob).isPresent());
    assertEquals("none", flows.status(alice).status());
  }

  private FlowStep lastStep() {
    var steps = flows.status(alice).steps();
    return steps.get(steps.size() - 1);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
