package dev.mcpinspector.core.outbound;

import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.http.HttpTokens;
import dev.mcpinspector.core.net.Cidr;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@link OutboundPolicy} implementation. Immutable, thread-safe. */
final class DefaultOutboundPolicy implements OutboundPolicy {

  private final OutboundConfig config;
  private final HostResolver resolver;

  DefaultOutboundPolicy(OutboundConfig config, HostResolver resolver) {
    this.config = config;
    this.resolver = resolver;
  }

  @Override
  public OutboundConfig config() {
    return config;
  }

  @Override
  public OutboundDecision checkStdio() {
    if (config.mode() == Mode.HOSTED) {
      return OutboundDecision.refuse(
          OutboundRefusal.TRANSPORT_FORBIDDEN,
          "stdio servers are refused in hosted mode: they would start a process on the"
              + " inspector's host; use a streamable-http or sse server");
    }
    return OutboundDecision.allow("stdio is allowed in local mode", null, List.of());
  }

  @Override
  public OutboundDecision checkUrl(String url) {
    if (url == null || url.isBlank()) {
      return bad("url must not be blank");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      return bad("url '" + url + "' is malformed: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      return bad(
          "url scheme must be http or https, but was '" + uri.getScheme() + "' in '" + url + "'");
    }
    if (uri.getRawUserInfo() != null) {
      return bad(
          "url must not contain user info; pass credentials in a header such as Authorization");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return bad("url '" + url + "' must name a valid host");
    }
    host = normalizeHost(host);
    if (config.mode() == Mode.LOCAL) {
      return OutboundDecision.allow("local mode allows every http(s) URL", uri, List.of());
    }
    if (hostAllowed(host)) {
      return OutboundDecision.allow(
          "host " + host + " is in " + OutboundConfig.ENV_OUTBOUND_ALLOW, uri, List.of());
    }
    boolean https = "https".equals(scheme);
    if (!https && config.allowedCidrs().isEmpty()) {
      return refuseHttp(url);
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      addresses = null;
    }
    if (addresses == null || addresses.isEmpty()) {
      if (!https) {
        // Both reasons: http is allowed only to allowlisted addresses, and this name has none.
        return OutboundDecision.refuse(
            OutboundRefusal.URL_FORBIDDEN,
            "only https URLs are allowed in hosted mode, unless the host resolves to an address"
                + " in "
                + OutboundConfig.ENV_OUTBOUND_ALLOW
                + "; url '"
                + url
                + "' is http and its host '"
                + host
                + "' could not be resolved");
      }
      return bad("host '" + host + "' of url '" + url + "' could not be resolved");
    }
    boolean allCovered = true;
    for (InetAddress a : addresses) {
      if (cidrAllowed(a)) {
        continue;
      }
      allCovered = false;
      String label = SpecialAddresses.classify(a);
      if (label != null) {
        return OutboundDecision.refuse(
            OutboundRefusal.URL_FORBIDDEN,
            "host '"
                + host
                + "' resolves to "
                + a.getHostAddress()
                + ", a "
                + label
                + " address, which hosted mode refuses; an operator can allow it in "
                + OutboundConfig.ENV_OUTBOUND_ALLOW);
      }
    }
    if (!https && !allCovered) {
      return refuseHttp(url);
    }
    return OutboundDecision.allow("every address of " + host + " is allowed", uri, addresses);
  }

  @Override
  public OutboundDecision checkConnect(String host) {
    if (host == null || host.isBlank()) {
      return bad("host must not be blank");
    }
    String h = normalizeHost(host);
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(h);
    } catch (UnknownHostException e) {
      return bad("host '" + h + "' could not be resolved");
    }
    if (addresses == null || addresses.isEmpty()) {
      return bad("host '" + h + "' could not be resolved");
    }
    if (config.mode() == Mode.LOCAL || hostAllowed(h)) {
      return OutboundDecision.allow("connecting to " + h + " is allowed", null, addresses);
    }
    for (InetAddress a : addresses) {
      if (cidrAllowed(a)) {
        continue;
      }
      String label = SpecialAddresses.classify(a);
      if (label != null) {
        return OutboundDecision.refuse(
            OutboundRefusal.URL_FORBIDDEN,
            "host '"
                + h
                + "' resolves to "
                + a.getHostAddress()
                + ", a "
                + label
                + " address, which hosted mode refuses; an operator can allow it in "
                + OutboundConfig.ENV_OUTBOUND_ALLOW);
      }
    }
    return OutboundDecision.allow("every address of " + h + " is allowed", null, addresses);
  }

  @Override
  public OutboundDecision checkHeaders(Map<String, String> headers) {
    if (headers == null || headers.isEmpty()) {
      return OutboundDecision.allow("no headers", null, List.of());
    }
    if (headers.size() > MAX_HEADERS) {
      return bad(
          "at most " + MAX_HEADERS + " connection headers are allowed, but got " + headers.size());
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String name = h.getKey();
      String value = h.getValue();
      if (name == null || !HttpTokens.isToken(name)) {
        return bad("header name '" + name + "' is not a valid HTTP header name");
      }
      if (FORBIDDEN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        return bad(
            "header '"
                + name
                + "' may not be set on a connection: hop-by-hop, framing, Host and"
                + " transport-managed headers are refused");
      }
      if (value == null) {
        return bad("header '" + name + "' must have a value");
      }
      if (value.length() > MAX_HEADER_VALUE_LENGTH) {
        return bad(
            "header '"
                + name
                + "' is "
                + value.length()
                + " characters long; at most "
                + MAX_HEADER_VALUE_LENGTH
                + " are allowed");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c >= 0x7F) {
          return bad(
              "header '"
                  + name
                  + "' contains "
                  + (c >= 0x80 ? "a non-ASCII" : "a control")
                  + " character at index "
                  + i
                  + "; header values may hold only visible ASCII, space and tab");
        }
      }
    }
    return OutboundDecision.allow("headers are allowed", null, List.of());
  }

  private OutboundDecision refuseHttp(String url) {
    return OutboundDecision.refuse(
        OutboundRefusal.URL_FORBIDDEN,
        "only https URLs are allowed in hosted mode, but got '"
            + url
            + "'; an operator can exempt an internal server in "
            + OutboundConfig.ENV_OUTBOUND_ALLOW);
  }

  private static OutboundDecision bad(String detail) {
    return OutboundDecision.refuse(OutboundRefusal.BAD_REQUEST, detail);
  }

  private boolean hostAllowed(String host) {
    for (String allowed : config.allowedHosts()) {
      if (allowed.startsWith("*.")) {
        if (host.endsWith(allowed.substring(1))) {
          return true;
        }
      } else if (allowed.equals(host)) {
        return true;
      }
    }
    return false;
  }

  private boolean cidrAllowed(InetAddress address) {
    for (Cidr c : config.allowedCidrs()) {
      if (c.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static String normalizeHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }
}
