package dev.mcpinspector.servlet;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure that handlers throw to answer with an {@code application/problem+json} response: the
 * status and {@code code} come from the {@link ProblemCode}, the {@code detail} is the message and
 * is sent to the client as is, so it must never contain secrets, session ids or stack traces.
 * Extra response headers (e.g. {@code Retry-After}) travel with it.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ProblemCode problem;
  private final Map<String, String> headers;

  /**
   * Creates a problem without extra headers.
   *
   * @param problem the code and status
   * @param detail what went wrong and how to fix it; sent to the client
   * @throws NullPointerException if an argument is null
   */
  public ApiException(ProblemCode problem, String detail) {
    this(problem, detail, Map.of());
  }

  /**
   * Creates a problem with extra response headers.
   *
   * @param problem the code and status
   * @param detail what went wrong and how to fix it; sent to the client
   * @param headers response headers to send with the problem, e.g. {@code Retry-After}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a header name or value contains CR or LF
   */
  public ApiException(ProblemCode problem, String detail, Map<String, String> headers) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.problem = Objects.requireNonNull(problem, "problem");
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          if (HttpText.hasLineBreak(name) || HttpText.hasLineBreak(value)) {
            throw new IllegalArgumentException(
                "header " + name + " must not contain CR or LF, but was '" + value + "'");
          }
          copy.put(name, value);
        });
    this.headers = Collections.unmodifiableMap(copy);
  }

  /**
   * Creates a problem that tells the client when to try again ({@code Retry-After} in seconds,
   * rounded up, at least 1).
   *
   * @param problem the code and status, typically {@link ProblemCode#SERVER_BUSY}
   * @param detail what went wrong; sent to the client
   * @param retryAfter how long the client should wait
   * @return the exception to throw
   * @throws IllegalArgumentException if retryAfter is negative
   */
  public static ApiException retryAfter(ProblemCode problem, String detail, Duration retryAfter) {
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, but was " + retryAfter);
    }
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ApiException(problem, detail, Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * Shorthand for a 400 {@code bad_request}.
   *
   * @param detail what is wrong with the request, naming the field or parameter
   * @return the exception to throw
   */
  public static ApiException badRequest(String detail) {
    return new ApiException(ProblemCode.BAD_REQUEST, detail);
  }

  /**
   * Returns the problem code.
   *
   * @return the code, never null
   */
  public ProblemCode problem() {
    return problem;
  }

  /**
   * Returns the HTTP status of the problem code.
   *
   * @return the status
   */
  public int status() {
    return problem.status();
  }

  /**
   * Returns the detail sent to the client (the exception message).
   *
   * @return the detail, never null
   */
  public String detail() {
    return getMessage();
  }

  /**
   * Returns the extra response headers.
   *
   * @return an unmodifiable map, empty when there are none
   */
  public Map<String, String> headers() {
    return headers;
  }
}
