package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.session.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Set;

final class ProxyIdentityAuthenticator implements Authenticator {

  static final String ISSUER = "proxy";
  private static final int MAX_LENGTH = 256;

  private final String headerName;
  private final Set<String> admins;

  ProxyIdentityAuthenticator(String headerName, Set<String> admins) {
    Objects.requireNonNull(headerName, "headerName must not be null");
    if (headerName.isEmpty()
        || headerName.length() > 64
        || !headerName
            .chars()
            .allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
      throw new IllegalArgumentException(
          "INSPECTOR_IDENTITY_HEADER must be a header name (1-64 token characters), but was '"
              + headerName
              + "'");
    }
    if (headerName.equalsIgnoreCase("Cookie")
        || headerName.equalsIgnoreCase("Authorization")
        || headerName.equalsIgnoreCase("Host")) {
      throw new IllegalArgumentException(
          "INSPECTOR_IDENTITY_HEADER must be a dedicated header such as X-Forwarded-User, but was '"
              + headerName
              + "'");
    }
    this.headerName = headerName;
    this.admins = Set.copyOf(admins);
  }

  @Override
  public AuthResult authenticate(EffectiveRequest request) {
    if (!request.peerTrusted()) {
      // From anyone else the header is a forgery attempt: ignore it entirely.
      return AuthResult.none();
    }
    List<String> values = request.request().headers(headerName);
    if (values.isEmpty()) {
      return AuthResult.none();
    }
    String first = values.get(0).strip();
    for (String v : values) {
      if (!v.strip().equals(first)) {
        return AuthResult.failed("several different " + headerName + " values");
      }
    }
    if (first.isEmpty()
        || first.length() > MAX_LENGTH
        || !first.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      return AuthResult.failed(headerName + " is blank, too long or not printable ASCII");
    }
    Set<String> roles = admins.contains(first) ? Set.of(Principal.ADMIN_ROLE) : Set.of();
    return AuthResult.authenticated(new Principal(ISSUER, first, first, roles), false);
  }

  @Override
  public String toString() {
    return "ProxyIdentityAuthenticator[" + headerName + "]";
  }
}
