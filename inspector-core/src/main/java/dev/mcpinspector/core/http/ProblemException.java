package dev.mcpinspector.core.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal that an adapter turns into an {@code application/problem+json} response with the {@link
 * #status()}, {@link #code()}, {@link #title()}, {@link #detail()} and extra response {@link
 * #headers()} (such as {@code Retry-After}).
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
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (hasLineBreak(name) || hasLineBreak(value)) {
            throw new IllegalArgumentException(
                "header " + name + " must not contain CR or LF, but was '" + value + "'");
          }
          copy.put(name, value);
        });
    this.headers = Map.copyOf(copy);
  }

  /**
   * A problem that tells the client when to try again, with {@code Retry-After} in whole seconds
   * (rounded up, at least 1).
   *
   * @param problem the code
   * @param detail the detail
   * @param retryAfter how long the client should wait; not negative
   * @return the problem
   * @throws IllegalArgumentException if {@code retryAfter} is negative
   */
  public static ProblemException retryAfter(
      ProblemCode problem, String detail, Duration retryAfter) {
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, but was " + retryAfter);
    }
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ProblemException(problem, detail, Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * A {@code 400 bad_request} problem.
   *
   * @param detail what is wrong with the request
   * @return the problem
   */
  public static ProblemException badRequest(String detail) {
    return new ProblemException(ProblemCode.BAD_REQUEST, detail);
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
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
