package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.http.EffectiveRequest;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides who a request is, from its own credentials (not from the session cookie, which the {@link
 * dev.mcpinspector.core.session.SessionResolver} handles). Implementations must be thread-safe,
 * must not block, and must never put a credential in a failure reason.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * Authenticates a request.
   *
   * @param request the effective request (after the trusted-proxy rule)
   * @return the result; never null
   */
  AuthResult authenticate(EffectiveRequest request);

  /**
   * Chains authenticators: the first that authenticates wins; otherwise the first failure is
   * returned; otherwise none.
   *
   * @param authenticators the chain, in order
   * @return the chained authenticator
   */
  static Authenticator chain(List<? extends Authenticator> authenticators) {
    List<Authenticator> list = List.copyOf(authenticators);
    if (list.size() == 1) {
      return list.get(0);
    }
    return request -> {
      AuthResult failure = null;
      for (Authenticator a : list) {
        AuthResult r = a.authenticate(request);
        if (r.isAuthenticated()) {
          return r;
        }
        if (r.isFailed() && failure == null) {
          failure = r;
        }
      }
      return failure == null ? AuthResult.none() : failure;
    };
  }

  /**
   * Authenticates nobody.
   *
   * @return an authenticator that always answers none
   */
  static Authenticator none() {
    return request -> AuthResult.none();
  }

  /**
   * Access keys sent as {@code Authorization: Bearer <key>}. A bearer token that is not a known key
   * fails. The principal's issuer is {@value AccessKeys#ISSUER} and its subject the key's name.
   *
   * @param keys the configured keys
   * @param admins principal names that get the admin role
   * @return the authenticator
   */
  static Authenticator accessKeys(AccessKeys keys, Set<String> admins) {
    Objects.requireNonNull(keys, "keys must not be null");
    Set<String> a = Set.copyOf(admins);
    return request -> {
      Bearer bearer = Bearer.of(request.request());
      if (bearer.absent()) {
        return AuthResult.none();
      }
      if (bearer.token() == null) {
        return AuthResult.failed("malformed Authorization header");
      }
      return keys.match(bearer.token())
          .map(name -> AuthResult.authenticated(keys.principal(name, a), true))
          .orElseGet(() -> AuthResult.failed("bearer token is not a known access key"));
    };
  }

  /**
   * A trusted proxy's identity header, honoured only when the TCP peer is a trusted proxy and
   * ignored (as if absent) from any other peer. The principal's issuer is {@code "proxy"} and its
   * subject the header value. Several differing values, or a value that is blank, longer than 256
   * characters or contains control or non-ASCII characters, fail.
   *
   * @param headerName the exact header name, for example {@code X-Forwarded-User}
   * @param admins principal names that get the admin role
   * @return the authenticator
   */
  static Authenticator proxyIdentity(String headerName, Set<String> admins) {
    return new ProxyIdentityAuthenticator(headerName, admins);
  }

  /**
   * JWT bearer tokens (HS256, RS256, ES256) verified against configured keys.
   *
   * @param settings keys and the claims to check
   * @param admins principal names (JWT {@code sub}) that get the admin role
   * @param clock the clock for {@code exp} and {@code nbf}
   * @return the authenticator
   */
  static Authenticator jwt(JwtSettings settings, Set<String> admins, Clock clock) {
    return new JwtAuthenticator(settings, admins, clock);
  }
}
