package dev.mcpinspector.mcp;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import java.util.Objects;

/**
 * A client manager operation failed for a reason the API reports as a problem response: the {@link
 * #problem()} is the core {@link ProblemCode} (HTTP status and {@code code}), the message is the
 * {@code detail}. Messages never contain a session id.
 *
 * <p>Unlike {@link ProblemException} it keeps its cause (the SDK's failure) for logs; {@link
 * #toProblem()} gives the problem a route throws.
 */
public final class McpManagerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ProblemCode problem;

  /**
   * Creates the exception.
   *
   * @param problem the status and code
   * @param detail what went wrong and how to fix it
   */
  public McpManagerException(ProblemCode problem, String detail) {
    this(problem, detail, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param problem the status and code
   * @param detail what went wrong and how to fix it
   * @param cause the underlying failure, or null
   */
  public McpManagerException(ProblemCode problem, String detail, Throwable cause) {
    super(Objects.requireNonNull(detail, "detail"), cause);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /**
   * The status and code.
   *
   * @return the problem code
   */
  public ProblemCode problem() {
    return problem;
  }

  /**
   * The HTTP status, shorthand for {@code problem().status()}.
   *
   * @return the status
   */
  public int status() {
    return problem.status();
  }

  /**
   * The problem {@code code}, shorthand for {@code problem().code()}.
   *
   * @return the code
   */
  public String code() {
    return problem.code();
  }

  /**
   * The problem {@code detail}: the exception message.
   *
   * @return the detail
   */
  public String detail() {
    return getMessage();
  }

  /**
   * The problem response this failure becomes: same code, same detail.
   *
   * @return a new problem exception
   */
  public ProblemException toProblem() {
    return new ProblemException(problem, detail());
  }
}
