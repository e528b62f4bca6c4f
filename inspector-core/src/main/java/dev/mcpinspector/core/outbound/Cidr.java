package dev.mcpinspector.core.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IP address range in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address is
 * a range of one ({@code /32} or {@code /128}). Host bits are cleared, so {@code 10.1.2.3/8}
 * equals {@code 10.0.0.0/8}.
 *
 * @param network the first address of the range (host bits zero); never null
 * @param prefixLength the number of leading bits that must match: 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {

  /**
   * Checks the arguments and clears the host bits; see the record description.
   *
   * @param network see the record description
   * @param prefixLength see the record description
   */
  public Cidr {
    Objects.requireNonNull(network, "network must not be null");
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "CIDR prefix length must be between 0 and " + bits + ", but was " + prefixLength);
    }
    network = masked(network, prefixLength);
  }

  /**
   * Parses {@code address/prefix} or a bare IP literal; IPv6 may be written in brackets. Never
   * resolves a host name.
   *
   * @param text the CIDR text
   * @return the range
   * @throws IllegalArgumentException when the text is not an IP literal with an optional prefix
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "CIDR text must not be null");
    String t = text.trim();
    int slash = t.indexOf('/');
    String addressText = slash < 0 ? t : t.substring(0, slash);
    if (addressText.startsWith("[") && addressText.endsWith("]")) {
      addressText = addressText.substring(1, addressText.length() - 1);
    }
    InetAddress address = IpLiterals.parse(addressText);
    if (address == null) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an IP address or CIDR (expected for example 10.0.0.0/8 or fc00::/7)");
    }
    int bits = address.getAddress().length * 8;
    if (slash < 0) {
      return new Cidr(address, bits);
    }
    String prefixText = t.substring(slash + 1);
    int prefix;
    try {
      prefix = Integer.parseInt(prefixText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' has a prefix length that is not a number: '" + prefixText + "'", e);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException(
          "'" + text + "' has prefix length " + prefix + "; it must be between 0 and " + bits);
    }
    return new Cidr(address, prefix);
  }

  /**
   * Tells whether the address lies in this range. An IPv4 range never contains an IPv6 address
   * and vice versa (the JDK already turns IPv4-mapped IPv6 literals into IPv4 addresses).
   *
   * @param address the address to test
   * @return true when the first {@code prefixLength} bits match
   */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != n[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (a[full] & mask) == (n[full] & mask);
  }

  /** Returns the CIDR text, for example {@code 10.0.0.0/8}. */
  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }

  private static InetAddress masked(InetAddress address, int prefixLength) {
    byte[] b = address.getAddress();
    for (int i = 0; i < b.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
      b[i] = (byte) (b[i] & ((0xFF << (8 - keep)) & 0xFF));
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4 or 16 byte address is always valid", e);
    }
  }
}
