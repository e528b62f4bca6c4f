package dev.mcpinspector.core.outbound;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a session may open a connection to an MCP server. Applied before any connection
 * is made, and again before every HTTP request of a connection (see {@link #checkUrl(String)}).
 * Thread-safe.
 *
 * <p>Rules, in hosted mode: stdio is refused (by transport type, whatever the command); only {@code
 * https} URLs; the host is resolved and refused when <em>any</em> of its addresses is loopback,
 * private, link-local, CGNAT, unique-local, multicast, unspecified, reserved or an IPv6 form
 * embedding such an IPv4 address; allowlisted host names and CIDRs are exempt from both the address
 * rules and the https-only rule. In local mode every URL and stdio are allowed. In both modes URLs
 * must be well-formed {@code http(s)} URLs without user info, and user-supplied connection headers
 * must not be hop-by-hop, framing or transport-managed headers.
 *
 * <p>Redirects are not part of the decision: callers must not follow them (the MCP client manager's
 * HTTP client never follows redirects).
 */
public interface OutboundPolicy {

  /**
   * Header names (lower case) a user may never set on a connection: hop-by-hop headers, message
   * framing, {@code Host}, and the headers the MCP transport manages itself.
   */
  Set<String> FORBIDDEN_HEADERS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "upgrade",
          "expect",
          "http2-settings",
          "content-type",
          "accept",
          "mcp-session-id",
          "mcp-protocol-version",
          "last-event-id",
          "forwarded",
          "x-forwarded-for",
          "x-forwarded-host",
          "x-forwarded-proto");

  /** The most headers one connection may carry. */
  int MAX_HEADERS = 32;

  /** The longest header value accepted, in characters. */
  int MAX_HEADER_VALUE_LENGTH = 8192;

  /**
   * A policy using the system resolver.
   *
   * @param config the configuration
   * @return the policy
   */
  static OutboundPolicy create(OutboundConfig config) {
    return create(config, HostResolver.system());
  }

  /**
   * A policy with an injected resolver.
   *
   * @param config the configuration
   * @param resolver resolves host names; tests inject one that maps names to chosen addresses
   * @return the policy
   */
  static OutboundPolicy create(OutboundConfig config, HostResolver resolver) {
    return new DefaultOutboundPolicy(
        Objects.requireNonNull(config, "config must not be null"),
        Objects.requireNonNull(resolver, "resolver must not be null"));
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  OutboundConfig config();

  /**
   * Decides whether a stdio server (a local process) may be started.
   *
   * @return allowed in local mode; {@link OutboundRefusal#TRANSPORT_FORBIDDEN} in hosted mode
   */
  OutboundDecision checkStdio();

  /**
   * Decides whether an HTTP(S) URL may be connected to. May block on DNS resolution.
   *
   * @param url the URL as supplied by the user
   * @return allowed (with the parsed URI and the checked addresses), or refused with {@link
   *     OutboundRefusal#BAD_REQUEST} (malformed, not http(s), user info, unresolvable host) or
   *     {@link OutboundRefusal#URL_FORBIDDEN} (plain http or a refused address in hosted mode)
   */
  OutboundDecision checkUrl(String url);

  /**
   * Resolves a host at the moment a connection is opened and decides whether its addresses may be
   * connected to: the check an HTTP client applies to the address it actually connects to, so a DNS
   * answer that changed since {@link #checkUrl(String)} (DNS rebinding) is caught. Uses the same
   * resolver and the same address rules as {@link #checkUrl(String)}; in local mode every address
   * is allowed. May block on DNS resolution.
   *
   * @param host the host name or IP literal (IPv6 without brackets) being connected to
   * @return allowed with the checked addresses (connect only to those), or refused with {@link
   *     OutboundRefusal#URL_FORBIDDEN} naming the address, or {@link OutboundRefusal#BAD_REQUEST}
   *     when the host does not resolve
   */
  OutboundDecision checkConnect(String host);

  /**
   * Decides whether user-supplied connection headers may be sent.
   *
   * @param headers header names and values; null means none
   * @return allowed, or {@link OutboundRefusal#BAD_REQUEST} naming the first offending header
   */
  OutboundDecision checkHeaders(Map<String, String> headers);
}
