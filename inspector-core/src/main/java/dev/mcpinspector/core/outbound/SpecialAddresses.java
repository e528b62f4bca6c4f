package dev.mcpinspector.core.outbound;

import dev.mcpinspector.core.net.Cidr;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The address ranges the SSRF guard refuses: everything that is not a globally routable unicast
 * address, after unwrapping IPv6 forms that embed an IPv4 address.
 */
final class SpecialAddresses {

  private record Range(Cidr cidr, String label) {}

  private static final List<Range> RANGES =
      List.of(
          range("0.0.0.0/8", "unspecified ('this network')"),
          range("10.0.0.0/8", "private (RFC 1918)"),
          range("100.64.0.0/10", "carrier-grade NAT (RFC 6598)"),
          range("127.0.0.0/8", "loopback"),
          range("169.254.0.0/16", "link-local (incl. cloud metadata 169.254.169.254)"),
          range("172.16.0.0/12", "private (RFC 1918)"),
          range("192.0.0.0/24", "IETF protocol assignment"),
          range("192.0.2.0/24", "documentation"),
          range("192.88.99.0/24", "6to4 relay anycast"),
          range("192.168.0.0/16", "private (RFC 1918)"),
          range("198.18.0.0/15", "benchmarking"),
          range("198.51.100.0/24", "documentation"),
          range("203.0.113.0/24", "documentation"),
          range("224.0.0.0/4", "multicast"),
          range("240.0.0.0/4", "reserved (incl. broadcast)"),
          range("::/128", "unspecified"),
          range("::1/128", "loopback"),
          range("100::/64", "discard-only"),
          range("2001::/32", "Teredo tunnel"),
          range("2001:db8::/32", "documentation"),
          range("fc00::/7", "unique-local"),
          range("fe80::/10", "link-local"),
          range("fec0::/10", "site-local"),
          range("ff00::/8", "multicast"));

  private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr NAT64_LOCAL = Cidr.parse("64:ff9b:1::/48");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

  private SpecialAddresses() {}

  /**
   * Classifies an address.
   *
   * @return a label such as {@code "loopback"} when the address must be refused, or null when it is
   *     a public unicast address
   */
  static String classify(InetAddress address) {
    for (Range r : RANGES) {
      if (r.cidr().contains(address)) {
        return r.label();
      }
    }
    if (address instanceof Inet6Address) {
      InetAddress embedded = embeddedIpv4(address.getAddress());
      if (embedded != null) {
        String inner = classify(embedded);
        if (inner != null) {
          return inner + ", embedded in an IPv6 address";
        }
      }
    }
    return null;
  }

  private static InetAddress embeddedIpv4(byte[] b) {
    try {
      InetAddress v6 = InetAddress.getByAddress(b);
      if (!(v6 instanceof Inet6Address)) {
        return v6;
      }
      // The JDK already turns IPv4-mapped addresses (::ffff:a.b.c.d) into Inet4Address.
      if (IPV4_COMPATIBLE.contains(v6) || NAT64.contains(v6) || NAT64_LOCAL.contains(v6)) {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
      }
      if (SIX_TO_FOUR.contains(v6)) {
        return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
      }
      return null;
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
    }
  }

  private static Range range(String cidr, String label) {
    return new Range(Cidr.parse(cidr), label);
  }
}
