package dev.mcpinspector.servlet.front;

import dev.mcpinspector.core.http.RequestView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * The container-neutral view of a servlet request that the core's request gate reads: method,
 * connection scheme, raw path, every header value as received, and the TCP peer address. Nothing is
 * decoded or trusted here; forwarded headers are interpreted by the core's trusted-proxy rule. Used
 * on the request thread only.
 */
final class ServletRequestView implements RequestView {

  private final HttpServletRequest request;

  ServletRequestView(HttpServletRequest request) {
    this.request = request;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String scheme() {
    return "https".equalsIgnoreCase(request.getScheme()) ? "https" : "http";
  }

  @Override
  public String path() {
    return request.getRequestURI();
  }

  @Override
  public List<String> headers(String name) {
    Enumeration<String> values = request.getHeaders(name);
    if (values == null || !values.hasMoreElements()) {
      return List.of();
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return List.of(first);
    }
    List<String> all = new ArrayList<>(4);
    all.add(first);
    while (values.hasMoreElements()) {
      all.add(values.nextElement());
    }
    return all;
  }

  @Override
  public String remoteAddress() {
    String address = request.getRemoteAddr();
    if (address == null) {
      return "0.0.0.0";
    }
    // Some containers bracket IPv6 literals; the core expects the bare literal.
    if (address.length() > 2 && address.charAt(0) == '[' && address.endsWith("]")) {
      return address.substring(1, address.length() - 1);
    }
    return address;
  }

  @Override
  public String toString() {
    return "ServletRequestView[" + request.getMethod() + " " + request.getRequestURI() + "]";
  }
}
