package dev.mcpinspector.mcp.oauth;

import java.util.Objects;

/**
 * A client identity at one authorization server: the client id and, for a confidential client, its
 * secret. {@link #toString()} masks the secret.
 *
 * @param clientId the client id; not blank
 * @param clientSecret the secret, or null for a public client (PKCE only, no client authentication)
 */
public record ClientCredentials(String clientId, String clientSecret) {

  /**
   * Checks the arguments.
   *
   * @param clientId see the record description
   * @param clientSecret see the record description
   * @throws IllegalArgumentException if the client id is blank or the secret is empty
   */
  public ClientCredentials {
    Objects.requireNonNull(clientId, "clientId must not be null");
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be blank");
    }
    if (clientSecret != null && clientSecret.isEmpty()) {
      throw new IllegalArgumentException(
          "clientSecret of client '" + clientId + "' must be null or non-empty, but was empty");
    }
  }

  /**
   * Tells whether this is a public client.
   *
   * @return true when there is no secret
   */
  public boolean isPublic() {
    return clientSecret == null;
  }

  @Override
  public String toString() {
    return "ClientCredentials[clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "<masked>")
        + "]";
  }
}
