package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.Resolution;
import java.util.Objects;

/**
 * A request that passed the gate: its effective view, what its own credentials said, and its
 * session.
 *
 * @param request the effective request
 * @param auth the authenticators' result (never failed: failures are refused by the gate)
 * @param session the resolved session; emit its {@code Set-Cookie} if present
 */
public record Admission(EffectiveRequest request, AuthResult auth, Resolution session) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param request see the record description
   * @param auth see the record description
   * @param session see the record description
   */
  public Admission {
    Objects.requireNonNull(request, "request must not be null");
    Objects.requireNonNull(auth, "auth must not be null");
    Objects.requireNonNull(session, "session must not be null");
  }

  /**
   * The principal of the request: the session's (which equals the request's own credentials' when
   * it sent any).
   *
   * @return the principal, or null before login
   */
  public Principal principal() {
    return session.principal();
  }

  /**
   * The principal, for routes that need one.
   *
   * @return the principal
   * @throws ProblemException {@code 401 unauthenticated} before login
   */
  public Principal requirePrincipal() {
    if (session.principal() == null) {
      throw new ProblemException(
          ProblemCode.UNAUTHENTICATED,
          "log in first: POST /api/login with an access key, or send a bearer token");
    }
    return session.principal();
  }
}
