package dev.mcpinspector.core.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal that an adapter turns into an {@code application/problem+json} response with the
 * {@link #status()}, {@link #code()}, {@link #title()}, {@link #detail()} and extra response
 * {@link #headers()} (such as {@code Retry-After}).
 *
 * <p>The detail is safe to show to the client: it never contains a session id, a key or a token.
 * The exception carries no stack trace, because it is an expected outcome, not a bug.
 */
public final class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ProblemCode problem;
  private final String detail;
  private final Map<String, String> headers;

  /**
   * Creates a problem without extra headers.
   *
   * @param problem the code, which fixes status and title
   * @param detail what went wrong and, where useful, how to fix it; never null
   */
  public ProblemException(ProblemCode problem, String detail) {
    this(problem, detail, Map.of());
  }

  /**
   * Creates a problem.
   *
   * @param problem the code, which fixes status and title
   * @param detail what went wrong and, where useful, how to fix it; never null
   * @param headers response headers to add, for example {@code Retry-After}; copied
   */
  public ProblemException(ProblemCode problem, String detail, Map<String, String> headers) {
    super(problem.code() + ": " + detail, null, false, false);
    this.problem = Objects.requireNonNull(problem, "problem must not be null");
    this.detail = Objects.requireNonNull(detail, "detail must not be null");
    this.headers = Map.copyOf(new LinkedHashMap<>(headers));
  }

  /**
   * The problem code.
   *
   * @return the code this problem was raised with
   */
  public ProblemCode problem() {
    return problem;
  }

  /**
   * The HTTP status.
   *
   * @return the status, for example 429
   */
  public int status() {
    return problem.status();
  }

  /**
   * The stable machine-readable code.
   *
   * @return for example {@code "rate_limited"}
   */
  public String code() {
    return problem.code();
  }

  /**
   * The short summary.
   *
   * @return the title of the code
   */
  public String title() {
    return problem.title();
  }

  /**
   * The occurrence-specific explanation, safe to send to the client.
   *
   * @return the detail
   */
  public String detail() {
    return detail;
  }

  /**
   * Response headers the adapter must add.
   *
   * @return an immutable map, empty when there are none
   */
  public Map<String, String> headers() {
    return headers;
  }
}
