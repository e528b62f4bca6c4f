package dev.mcpinspector.mcp.oauth;

import dev.mcpinspector.core.outbound.OutboundPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP client of the OAuth flow. Every request is checked by the outbound policy before it is
 * sent (refused: {@link OAuthException} with {@code url_forbidden} or {@code bad_request}); a
 * redirect is never followed (it is answered as the response it is); a body longer than the cap
 * fails the request. Thread-safe.
 */
public interface OAuthHttp {

  /**
   * The default client on the JDK's {@code java.net.http.HttpClient}.
   *
   * @param policy the outbound policy checked before every request
   * @param maxResponseBytes the largest body read
   * @param timeout the timeout of one request (connect and response)
   * @return the client
   */
  static OAuthHttp create(OutboundPolicy policy, int maxResponseBytes, Duration timeout) {
    return new JdkOAuthHttp(policy, maxResponseBytes, timeout);
  }

  /**
   * Sends one request.
   *
   * @param request the request
   * @return the response, whatever its status
   * @throws OAuthException when the policy refuses the URL, the connection fails, it times out or
   *     the body is too large; the message names the URL
   */
  Response send(Request request);

  /**
   * An HTTP request.
   *
   * @param method GET or POST
   * @param uri the URL
   * @param headers header names and values
   * @param body the body, or null
   */
  record Request(String method, URI uri, Map<String, String> headers, String body) {

    /**
     * Checks the arguments.
     *
     * @param method see the record description
     * @param uri see the record description
     * @param headers see the record description
     * @param body see the record description
     */
    public Request {
      Objects.requireNonNull(method, "method must not be null");
      Objects.requireNonNull(uri, "uri must not be null");
      headers = Map.copyOf(headers);
    }
  }

  /**
   * An HTTP response.
   *
   * @param status the status code
   * @param headers the headers (names lower case), each with its values
   * @param body the body decoded as UTF-8
   */
  record Response(int status, Map<String, List<String>> headers, String body) {

    /**
     * Checks the arguments.
     *
     * @param status see the record description
     * @param headers see the record description
     * @param body see the record description
     */
    public Response {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body must not be null");
    }

    /**
     * The first value of a header.
     *
     * @param name the name, any case
     * @return the value, or empty
     */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
  }
}
