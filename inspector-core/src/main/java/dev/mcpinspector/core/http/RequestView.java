package dev.mcpinspector.core.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the core needs to know about an HTTP request, independent of any container. A servlet
 * adapter implements it over {@code HttpServletRequest} ({@code getMethod}, {@code getScheme},
 * {@code getRequestURI}, {@code getHeaders}, {@code getRemoteAddr}); nothing here is decoded or
 * trusted: forwarded headers are interpreted only by {@link TrustedProxies}.
 *
 * <p>Implementations must be cheap to call repeatedly and need not be thread-safe.
 */
public interface RequestView {

  /**
   * The request method as sent.
   *
   * @return for example {@code "GET"}; never null
   */
  String method();

  /**
   * The scheme of the connection the container accepted (not a forwarded scheme).
   *
   * @return {@code "http"} or {@code "https"}; never null
   */
  String scheme();

  /**
   * The raw request path, without query string.
   *
   * @return for example {@code "/api/session"}; never null
   */
  String path();

  /**
   * Every value of a header, in the order received; a header sent on several lines gives several
   * values. Names are case-insensitive.
   *
   * @param name the header name
   * @return the values; empty, never null, when the header is absent
   */
  List<String> headers(String name);

  /**
   * The first value of a header.
   *
   * @param name the header name, case-insensitive
   * @return the first value, or null when absent
   */
  default String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * The {@code Host} header as sent by the peer.
   *
   * @return the header, or null when absent
   */
  default String hostHeader() {
    return header("Host");
  }

  /**
   * Every {@code Cookie} header line, unparsed.
   *
   * @return the lines; empty when none
   */
  default List<String> cookieHeaders() {
    return headers("Cookie");
  }

  /**
   * The IP address of the TCP peer (which may be a proxy), as a literal.
   *
   * @return for example {@code "203.0.113.7"} or {@code "2001:db8::1"}; never null
   */
  String remoteAddress();

  /**
   * Starts a simple in-memory request, for tests, benchmarks and non-servlet adapters.
   *
   * @return a builder for {@code GET http://localhost/} from {@code 127.0.0.1}
   */
  static Builder builder() {
    return new Builder();
  }

  /** Builds an immutable in-memory {@link RequestView}. Not thread-safe. */
  final class Builder {
    private String method = "GET";
    private String scheme = "http";
    private String path = "/";
    private String remoteAddress = "127.0.0.1";
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private Builder() {}

    /**
     * Sets the method.
     *
     * @param method the method, for example {@code "POST"}
     * @return this builder
     */
    public Builder method(String method) {
      this.method = Objects.requireNonNull(method, "method must not be null");
      return this;
    }

    /**
     * Sets the connection scheme.
     *
     * @param scheme {@code "http"} or {@code "https"}
     * @return this builder
     */
    public Builder scheme(String scheme) {
      this.scheme = Objects.requireNonNull(scheme, "scheme must not be null");
      return this;
    }

    /**
     * Sets the path.
     *
     * @param path the raw path
     * @return this builder
     */
    public Builder path(String path) {
      this.path = Objects.requireNonNull(path, "path must not be null");
      return this;
    }

    /**
     * Sets the TCP peer address.
     *
     * @param remoteAddress an IP literal
     * @return this builder
     */
    public Builder remoteAddress(String remoteAddress) {
      this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress must not be null");
      return this;
    }

    /**
     * Adds one header value (a header may be added several times).
     *
     * @param name the header name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(value, "header value must not be null");
      headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      return this;
    }

    /**
     * Builds the view.
     *
     * @return an immutable request view
     */
    public RequestView build() {
      Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      String m = method;
      String s = scheme;
      String p = path;
      String r = remoteAddress;
      return new RequestView() {
        @Override
        public String method() {
          return m;
        }

        @Override
        public String scheme() {
          return s;
        }

        @Override
        public String path() {
          return p;
        }

        @Override
        public List<String> headers(String name) {
          return copy.getOrDefault(name, List.of());
        }

        @Override
        public String remoteAddress() {
          return r;
        }

        @Override
        public String toString() {
          return "RequestView[" + m + " " + s + " " + p + " from " + r + "]";
        }
      };
    }
  }
}
