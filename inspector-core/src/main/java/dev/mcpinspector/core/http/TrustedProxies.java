package dev.mcpinspector.core.http;

import dev.mcpinspector.core.net.Cidr;
import dev.mcpinspector.core.net.IpLiterals;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The trusted-proxy rule: {@code Forwarded} (RFC 7239) and {@code X-Forwarded-Proto/-Host/-For} are
 * read only when the TCP peer is inside one of the configured networks; from any other peer they
 * are ignored, and the connection's own scheme, {@code Host} header and peer address count.
 *
 * <p>When the peer is trusted, {@code Forwarded} wins if present; otherwise the {@code
 * X-Forwarded-*} headers are used. The hop list is walked from the right (nearest) end, skipping
 * addresses that are themselves trusted proxies; the first untrusted hop is the client, and the
 * scheme and host recorded for that hop are the ones the client used. A hop that is not an IP
 * literal ({@code unknown}, an obfuscated identifier, garbage) stops the walk and the nearest
 * trusted proxy's address becomes the client address. Invalid scheme or host values are ignored. A
 * malformed {@code Forwarded} header is ignored as a whole. Immutable and thread-safe.
 */
public final class TrustedProxies {

  private static final TrustedProxies NONE = new TrustedProxies(List.of());
  private static final int MAX_HOPS = 32;

  private final List<Cidr> networks;

  private TrustedProxies(List<Cidr> networks) {
    this.networks = List.copyOf(networks);
  }

  /**
   * Trusts no peer: forwarded headers are always ignored.
   *
   * @return the empty rule
   */
  public static TrustedProxies none() {
    return NONE;
  }

  /**
   * Trusts peers inside the given networks.
   *
   * @param networks the networks of the proxies in front of this server
   * @return the rule
   */
  public static TrustedProxies of(List<Cidr> networks) {
    Objects.requireNonNull(networks, "networks must not be null");
    return networks.isEmpty() ? NONE : new TrustedProxies(networks);
  }

  /**
   * Parses {@code INSPECTOR_TRUSTED_PROXIES}: comma-separated CIDRs.
   *
   * @param text the option value; null or blank trusts no peer
   * @return the rule
   * @throws IllegalArgumentException naming the option, the bad entry and what is accepted
   */
  public static TrustedProxies parse(String text) {
    return of(Cidr.parseList("INSPECTOR_TRUSTED_PROXIES", text));
  }

  /**
   * The configured networks.
   *
   * @return an immutable list
   */
  public List<Cidr> networks() {
    return networks;
  }

  /**
   * Tells whether an address is a trusted proxy.
   *
   * @param address an IP literal
   * @return true when it parses and lies in a configured network
   */
  public boolean isTrusted(String address) {
    if (networks.isEmpty()) {
      return false;
    }
    InetAddress parsed = IpLiterals.parse(address);
    return parsed != null && isTrusted(parsed);
  }

  private boolean isTrusted(InetAddress address) {
    for (Cidr network : networks) {
      if (network.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Applies the rule to a request.
   *
   * @param request the raw request
   * @return the effective scheme, host and client address
   */
  public EffectiveRequest effective(RequestView request) {
    String peer = request.remoteAddress();
    String ownScheme = "https".equalsIgnoreCase(request.scheme()) ? "https" : "http";
    if (!isTrusted(peer)) {
      String host = single(request.headers("Host"));
      return new EffectiveRequest(
          request, ownScheme, Hosts.normalize(host, ownScheme), peer, false);
    }
    List<String> forwarded = request.headers("Forwarded");
    List<Hop> hops = forwarded.isEmpty() ? fromXForwarded(request) : fromForwarded(forwarded);
    String client = peer;
    String proto = null;
    String host = null;
    if (hops != null && !hops.isEmpty()) {
      for (int i = hops.size() - 1; i >= 0; i--) {
        Hop hop = hops.get(i);
        proto = hop.proto;
        host = hop.host;
        InetAddress address = hop.forAddress == null ? null : IpLiterals.parse(hop.forAddress);
        if (address == null) {
          break;
        }
        client = address.getHostAddress();
        if (!isTrusted(address)) {
          break;
        }
      }
    }
    String scheme = ownScheme;
    if (proto != null) {
      String p = proto.toLowerCase(Locale.ROOT);
      if ("http".equals(p) || "https".equals(p)) {
        scheme = p;
      }
    }
    String effectiveHost = host == null ? null : Hosts.normalize(host, scheme);
    if (effectiveHost == null) {
      effectiveHost = Hosts.normalize(single(request.headers("Host")), scheme);
    }
    return new EffectiveRequest(request, scheme, effectiveHost, client, true);
  }

  private static String single(List<String> values) {
    // Two Host headers are a smuggling attempt: treat as no host, which the host check refuses.
    return values.size() == 1 ? values.get(0).strip() : null;
  }

  private static final class Hop {
    final String forAddress;
    final String proto;
    final String host;

    Hop(String forAddress, String proto, String host) {
      this.forAddress = forAddress;
      this.proto = proto;
      this.host = host;
    }
  }

  /** X-Forwarded-*: proto/host values align with X-Forwarded-For hops when counts match. */
  private static List<Hop> fromXForwarded(RequestView request) {
    List<String> fors = splitCommas(request.headers("X-Forwarded-For"));
    List<String> protos = splitCommas(request.headers("X-Forwarded-Proto"));
    List<String> hosts = splitCommas(request.headers("X-Forwarded-Host"));
    if (fors == null || protos == null || hosts == null) {
      return null;
    }
    String lastProto = protos.isEmpty() ? null : protos.get(protos.size() - 1);
    String lastHost = hosts.isEmpty() ? null : hosts.get(hosts.size() - 1);
    List<Hop> hops = new ArrayList<>();
    if (fors.isEmpty()) {
      hops.add(new Hop(null, lastProto, lastHost));
      return hops;
    }
    for (int i = 0; i < fors.size(); i++) {
      String proto = protos.size() == fors.size() ? protos.get(i) : lastProto;
      String host = hosts.size() == fors.size() ? hosts.get(i) : lastHost;
      hops.add(new Hop(stripPort(fors.get(i)), proto, host));
    }
    return hops;
  }

  private static List<String> splitCommas(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      for (String part : line.split(",", -1)) {
        String p = part.strip();
        if (!p.isEmpty()) {
          out.add(p);
        }
        if (out.size() > MAX_HOPS) {
          return null;
        }
      }
    }
    return out;
  }

  /** Drops a port from {@code 1.2.3.4:80} or {@code [::1]:80}; bare IPv6 stays. */
  private static String stripPort(String node) {
    if (node.startsWith("[")) {
      int close = node.indexOf(']');
      return close < 0 ? node : node.substring(0, close + 1);
    }
    int colon = node.indexOf(':');
    if (colon >= 0 && node.indexOf(':', colon + 1) < 0) {
      return node.substring(0, colon);
    }
    return node;
  }

  /**
   * RFC 7239: {@code Forwarded: for=a;proto=https;host=h, for="[v6]:port"}; null when malformed.
   */
  private static List<Hop> fromForwarded(List<String> lines) {
    List<Hop> hops = new ArrayList<>();
    for (String line : lines) {
      int i = 0;
      int n = line.length();
      while (i <= n) {
        String forValue = null;
        String proto = null;
        String host = null;
        boolean any = false;
        while (true) {
          while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
          }
          int start = i;
          while (i < n && HttpTokens.isTokenChar(line.charAt(i))) {
            i++;
          }
          if (i == start || i >= n || line.charAt(i) != '=') {
            return null;
          }
          String key = line.substring(start, i).toLowerCase(Locale.ROOT);
          i++;
          String value;
          if (i < n && line.charAt(i) == '"') {
            StringBuilder b = new StringBuilder();
            i++;
            while (i < n && line.charAt(i) != '"') {
              char c = line.charAt(i);
              if (c == '\\' && i + 1 < n) {
                c = line.charAt(++i);
              }
              if (c < 0x20 || c == 0x7f) {
                return null;
              }
              b.append(c);
              i++;
            }
            if (i >= n) {
              return null;
            }
            i++;
            value = b.toString();
          } else {
            int vs = i;
            while (i < n && HttpTokens.isTokenChar(line.charAt(i))) {
              i++;
            }
            if (i == vs) {
              return null;
            }
            value = line.substring(vs, i);
          }
          switch (key) {
            case "for":
              if (forValue != null) {
                return null;
              }
              forValue = stripPort(value);
              break;
            case "proto":
              if (proto != null) {
                return null;
              }
              proto = value;
              break;
            case "host":
              if (host != null) {
                return null;
              }
              host = value;
              break;
            default:
              break;
          }
          any = true;
          while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
          }
          if (i < n && line.charAt(i) == ';') {
            i++;
            continue;
          }
          break;
        }
        if (!any) {
          return null;
        }
        hops.add(new Hop(forValue, proto, host));
        if (hops.size() > MAX_HOPS) {
          return null;
        }
        if (i >= n) {
          break;
        }
        if (line.charAt(i) != ',') {
          return null;
        }
        i++;
      }
    }
    return hops;
  }

  @Override
  public String toString() {
    return "TrustedProxies" + networks;
  }
}
