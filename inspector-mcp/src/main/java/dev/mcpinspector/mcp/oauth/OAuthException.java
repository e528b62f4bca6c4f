package dev.mcpinspector.mcp.oauth;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import java.util.Objects;

/**
 * A step of an OAuth flow failed. The message is safe to show: it never holds a token, a code, a
 * secret or a verifier.
 */
public final class OAuthException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The problem code the API answers with. */
  private final transient ProblemCode problem;

  /**
   * A failure.
   *
   * @param problem the API code
   * @param message what failed, naming the URL or value and the rule
   */
  public OAuthException(ProblemCode problem, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem must not be null");
  }

  /**
   * A failure with a cause (kept out of the message).
   *
   * @param problem the API code
   * @param message what failed
   * @param cause the cause
   */
  public OAuthException(ProblemCode problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem, "problem must not be null");
  }

  /**
   * The API code.
   *
   * @return the code
   */
  public ProblemCode problem() {
    return problem;
  }

  /**
   * The problem response of this failure.
   *
   * @return a problem exception with the same code and message
   */
  public ProblemException toProblem() {
    return new ProblemException(problem, getMessage());
  }
}
