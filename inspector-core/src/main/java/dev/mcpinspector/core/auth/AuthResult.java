package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.session.Principal;
import java.util.Objects;

/**
 * What an {@link Authenticator} concluded about a request.
 *
 * @param outcome authenticated, no credentials for this authenticator, or refused credentials
 * @param principal the principal when authenticated, otherwise null
 * @param failure why credentials were refused (for logs; never contains the credential), otherwise
 *     null
 * @param explicit true when the credential was sent explicitly by the client ({@code Authorization}
 *     header): browsers never attach it on their own, so such requests need no CSRF token. False
 *     for ambient credentials such as a proxy's identity header.
 */
public record AuthResult(Outcome outcome, Principal principal, String failure, boolean explicit) {

  private static final AuthResult NONE = new AuthResult(Outcome.NONE, null, null, false);

  /** The three outcomes. */
  public enum Outcome {
    /** The request authenticated as {@link AuthResult#principal()}. */
    AUTHENTICATED,
    /** The request carried no credentials this authenticator understands. */
    NONE,
    /** The request carried credentials, and they were refused. */
    FAILED
  }

  /**
   * Checks that the components fit the outcome.
   *
   * @param outcome see the record description
   * @param principal see the record description
   * @param failure see the record description
   * @param explicit see the record description
   */
  public AuthResult {
    Objects.requireNonNull(outcome, "outcome must not be null");
    if ((outcome == Outcome.AUTHENTICATED) != (principal != null)) {
      throw new IllegalArgumentException("a principal is required exactly when authenticated");
    }
    if ((outcome == Outcome.FAILED) != (failure != null)) {
      throw new IllegalArgumentException("a failure reason is required exactly when failed");
    }
  }

  /**
   * Authenticated.
   *
   * @param principal the principal
   * @param explicit whether the credential came in an {@code Authorization} header
   * @return the result
   */
  public static AuthResult authenticated(Principal principal, boolean explicit) {
    return new AuthResult(Outcome.AUTHENTICATED, Objects.requireNonNull(principal), null, explicit);
  }

  /**
   * No credentials.
   *
   * @return the shared result
   */
  public static AuthResult none() {
    return NONE;
  }

  /**
   * Refused credentials.
   *
   * @param failure why, for logs; must not contain the credential
   * @return the result
   */
  public static AuthResult failed(String failure) {
    return new AuthResult(Outcome.FAILED, null, Objects.requireNonNull(failure), true);
  }

  /**
   * Whether the outcome is {@link Outcome#AUTHENTICATED}.
   *
   * @return true when authenticated
   */
  public boolean isAuthenticated() {
    return outcome == Outcome.AUTHENTICATED;
  }

  /**
   * Whether the outcome is {@link Outcome#FAILED}.
   *
   * @return true when refused
   */
  public boolean isFailed() {
    return outcome == Outcome.FAILED;
  }
}
