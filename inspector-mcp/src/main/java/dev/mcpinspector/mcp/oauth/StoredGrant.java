package dev.mcpinspector.mcp.oauth;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What an authorization produced and what refreshing it needs. Held server-side only; {@link
 * #toString()} masks both tokens and the client secret.
 *
 * @param issuer the authorization server's issuer identifier
 * @param tokenEndpoint where refreshes go
 * @param client the client identity the tokens were issued to
 * @param resource the canonical MCP server URL the tokens were requested for (RFC 8707); a token is
 *     only ever sent to this resource
 * @param accessToken the bearer access token
 * @param refreshToken the refresh token, or null
 * @param expiresAt when the access token expires, or null when the server did not say
 * @param scope the granted scope (space separated), or null
 */
public record StoredGrant(
    String issuer,
    URI tokenEndpoint,
    ClientCredentials client,
    String resource,
    String accessToken,
    String refreshToken,
    Instant expiresAt,
    String scope) {

  /**
   * Checks the arguments.
   *
   * @param issuer see the record description
   * @param tokenEndpoint see the record description
   * @param client see the record description
   * @param resource see the record description
   * @param accessToken see the record description
   * @param refreshToken see the record description
   * @param expiresAt see the record description
   * @param scope see the record description
   */
  public StoredGrant {
    Objects.requireNonNull(issuer, "issuer must not be null");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint must not be null");
    Objects.requireNonNull(client, "client must not be null");
    Objects.requireNonNull(resource, "resource must not be null");
    Objects.requireNonNull(accessToken, "accessToken must not be null");
  }

  @Override
  public String toString() {
    return "StoredGrant[issuer="
        + issuer
        + ", resource="
        + resource
        + ", client="
        + client
        + ", accessToken=<masked>, refreshToken="
        + (refreshToken == null ? "none" : "<masked>")
        + ", expiresAt="
        + expiresAt
        + ", scope="
        + scope
        + "]";
  }
}
