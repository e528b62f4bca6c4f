package dev.mcpinspector.mcp.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.Mode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthConfigTest {

  @Test
  void hostedModeRefusesAPlainHttpBaseUrlNamingTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OAuthConfig.fromEnvironment(
                    Map.of("INSPECTOR_PUBLIC_BASE_URL", "http://inspector.example.com"),
                    Mode.HOSTED));
    assertTrue(e.getMessage().contains("INSPECTOR_PUBLIC_BASE_URL"), e.getMessage());
    OAuthConfig local =
        OAuthConfig.fromEnvironment(
            Map.of("INSPECTOR_PUBLIC_BASE_URL", "http://127.0.0.1:8080/ctx/"), Mode.LOCAL);
    assertEquals(
        "http://127.0.0.1:8080/ctx/oauth/client-metadata.json",
        local.clientMetadataUrl().toString());
    assertEquals("http://127.0.0.1:8080/ctx/api/oauth/callback", local.callbackUrl().toString());
  }

  @Test
  void clientsAndIssuersParseAndSecretsStayMasked() {
    OAuthConfig c =
        OAuthConfig.fromEnvironment(
            Map.of(
                "INSPECTOR_OAUTH_CLIENTS",
                "https://login.example.com/=app:s3cret, https://idp.example.org=pub",
                "INSPECTOR_OAUTH_ALLOWED_ISSUERS",
                "https://login.example.com"),
            Mode.HOSTED);
    assertEquals("s3cret", c.client("https://login.example.com").clientSecret());
    assertNull(c.client("https://idp.example.org").clientSecret());
    assertTrue(c.issuerAllowed("https://login.example.com/"));
    assertFalse(c.issuerAllowed("https://idp.example.org"));
    assertFalse(c.toString().contains("s3cret"), c.toString());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OAuthConfig.fromEnvironment(
                    Map.of("INSPECTOR_OAUTH_CLIENTS", "https://x.example=:topsecret"), Mode.LOCAL));
    assertTrue(e.getMessage().contains("INSPECTOR_OAUTH_CLIENTS"), e.getMessage());
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
  }

  @Test
  void bearerChallengeReadsTheParametersOfTheBearerSchemeOnly() {
    BearerChallenge c =
        BearerChallenge.parse(
            "Basic realm=\"x\", Bearer error=\"insufficient_scope\", scope=\"a b\","
                + " resource_metadata=\"https://r.example/.well-known/oauth-protected-resource\"");
    assertEquals("insufficient_scope", c.error().orElseThrow());
    assertEquals("a b", c.scope().orElseThrow());
    assertEquals(
        "https://r.example/.well-known/oauth-protected-resource",
        c.resourceMetadata().orElseThrow());
    assertTrue(BearerChallenge.parse("Basic realm=\"x\"").params().isEmpty());
    assertTrue(BearerChallenge.parse("\"\"==,,=").params().isEmpty());
    assertTrue(BearerChallenge.parse(null).params().isEmpty());
  }
}
