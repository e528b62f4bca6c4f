package dev.mcpinspector.servlet.routing;

import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.servlet.sse.SseSource;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One API request as a handler sees it: the matched route's path parameters, query parameters, the
 * JSON body and the ways to respond. Respond exactly once. Not thread-safe; use it on the request
 * thread.
 */
public interface ApiExchange {

  /**
   * Returns the servlet request, e.g. to read attributes a filter set.
   *
   * @return the request
   */
  HttpServletRequest request();

  /**
   * Returns the servlet response, e.g. to add a {@code Set-Cookie} header written verbatim.
   *
   * @return the response
   */
  HttpServletResponse response();

  /**
   * Returns the HTTP method.
   *
   * @return the method, e.g. {@code GET}
   */
  String method();

  /**
   * Returns the decoded path below the API servlet, e.g. {@code /elicitation/ab c}.
   *
   * @return the path, starting with {@code /}
   */
  String path();

  /**
   * Returns a path parameter of the matched template, percent-decoded. It never contains {@code /},
   * {@code \}, control characters, and is never {@code .} or {@code ..} (such requests are refused
   * with 400 before any handler runs).
   *
   * @param name the parameter name as written in the template, without braces
   * @return the non-empty value
   * @throws IllegalArgumentException if the template has no such parameter (a programming error)
   */
  String pathParam(String name);

  /**
   * Returns the first value of a query parameter, decoded (form encoding: {@code +} is a space).
   * The body is never parsed for parameters.
   *
   * @param name the parameter name
   * @return the value, or empty when absent
   * @throws ProblemException 400 if the query string is not valid percent-encoded UTF-8
   */
  Optional<String> queryParam(String name);

  /**
   * Returns an integer query parameter within bounds.
   *
   * @param name the parameter name
   * @param defaultValue the value when the parameter is absent or empty
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @return the value
   * @throws ProblemException 400 naming the parameter, the value and the accepted range
   */
  int intQueryParam(String name, int defaultValue, int min, int max);

  /**
   * Returns the {@code Last-Event-ID} request header as a sequence number. A value that is not a
   * non-negative decimal {@code long} is ignored (treated as absent), the same as a browser that
   * never received an id; it is never an error.
   *
   * @return the last sequence the client saw, or empty
   */
  OptionalLong lastEventId();

  /**
   * Reads the JSON request body. The request must say {@code Content-Type: application/json}
   * (charset absent or {@code utf-8}) and the body must not exceed the configured maximum.
   *
   * @param <T> the body type
   * @param type the record or class to bind (or {@code JsonNode})
   * @return the bound body, never null
   * @throws ProblemException 400 {@code bad_request} for a wrong content type, an empty or
   *     malformed body (the detail says where), a field of the wrong type, a missing required field
   *     or an unknown enum value (the detail names the field and, for enums, the accepted values);
   *     413 {@code payload_too_large} for a body over the limit
   * @throws IOException if reading the body fails
   */
  <T> T readJson(Class<T> type) throws IOException;

  /**
   * Writes a JSON response with {@code Content-Type: application/json; charset=utf-8}.
   *
   * @param status the HTTP status
   * @param body the value to serialise
   * @throws IOException if writing fails (typically the client went away)
   */
  void respondJson(int status, Object body) throws IOException;

  /** Answers 204 without a body. */
  void respondNoContent();

  /**
   * Turns the response into a server-sent event stream fed by the source and returns at once; no
   * thread is held while the stream is open. The stream ends when the source is closed and drained,
   * when the client goes away (noticed on the next failing write, heartbeats included), or when the
   * container shuts down. On every end the source is closed and {@code onEnd} runs exactly once
   * (use it to release the session's lease). If this method throws, {@code onEnd} has already run.
   *
   * @param source where the events come from
   * @param onEnd run exactly once when the stream ends, on any thread; must not block
   * @throws IllegalStateException if the servlet was not registered with async support
   * @throws IOException if the response cannot be opened
   */
  void respondSse(SseSource source, Runnable onEnd) throws IOException;
}
