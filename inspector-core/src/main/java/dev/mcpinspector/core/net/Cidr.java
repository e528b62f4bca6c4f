package dev.mcpinspector.core.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address
 * is a network of one ({@code /32} or {@code /128}). IPv4-mapped IPv6 networks ({@code
 * ::ffff:10.0.0.0/104}) are stored as their IPv4 form and IPv4-mapped addresses are IPv4 addresses,
 * so either spelling works; an IPv4 network never contains an IPv6 address and vice versa. Host
 * names are refused, never resolved.
 *
 * <p>{@link #parse} clears host bits ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}); {@link
 * #parseExact} refuses them, for options where a stray host bit is more likely a typo that widens
 * the network than a shorthand.
 *
 * @param network the first address of the network (host bits zero); never null
 * @param prefixLength the number of leading bits that must match: 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {

  private static final String ACCEPTED =
      "expected an IPv4 or IPv6 address with an optional /prefix, for example 10.0.0.0/8,"
          + " 192.168.1.10 or 2001:db8::/32";

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
   * Parses {@code address/prefix} or a bare IP literal (see {@link IpLiterals#parse}); host bits
   * are cleared.
   *
   * @param text for example {@code "10.0.0.0/8"}, {@code "::1"} or {@code "[fd00::]/8"}
   * @return the network
   * @throws IllegalArgumentException naming the value and what is accepted, when it is not an IP
   *     literal with an optional prefix or the prefix is out of range
   */
  public static Cidr parse(String text) {
    return parse(text, false);
  }

  /**
   * Parses like {@link #parse}, but refuses host bits: {@code 10.0.0.1/8} is refused with "did you
   * mean 10.0.0.0/8?".
   *
   * @param text for example {@code "10.0.0.0/8"}, {@code "::1"} or {@code "2001:db8::/32"}
   * @return the network
   * @throws IllegalArgumentException naming the value and what is accepted, when it is not a CIDR,
   *     the prefix is out of range, or host bits are set
   */
  public static Cidr parseExact(String text) {
    return parse(text, true);
  }

  /**
   * Parses a comma-separated list of CIDRs with {@link #parseExact}, as in {@code
   * INSPECTOR_TRUSTED_PROXIES}.
   *
   * @param option the option name used in error messages
   * @param text the list; null or blank gives an empty list
   * @return the networks, in order
   * @throws IllegalArgumentException naming the option, the bad entry and what is accepted
   */
  public static List<Cidr> parseList(String option, String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    List<Cidr> out = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      if (entry.isBlank()) {
        throw new IllegalArgumentException(
            option + " has an empty entry in '" + text + "': " + ACCEPTED + ", comma-separated");
      }
      try {
        out.add(parseExact(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + " entry " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  private static Cidr parse(String text, boolean exact) {
    Objects.requireNonNull(text, "CIDR must not be null");
    String t = text.strip();
    int slash = t.indexOf('/');
    String addressText = slash < 0 ? t : t.substring(0, slash);
    InetAddress address = IpLiterals.parse(addressText);
    if (address == null) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not an IP address or CIDR (expected for example 10.0.0.0/8 or fc00::/7)");
    }
    boolean mapped = address instanceof Inet4Address && addressText.indexOf(':') >= 0;
    int max = mapped ? 128 : address.getAddress().length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException(
            "'" + text + "' has an invalid prefix length '" + p + "': " + ACCEPTED);
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        throw new IllegalArgumentException(
            "'" + text + "' has prefix /" + prefix + ", but the longest prefix is /" + max);
      }
    }
    if (mapped) {
      if (prefix < 96) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is an IPv4-mapped network with prefix /"
                + prefix
                + ", but it must be at least /96; write the IPv4 network instead");
      }
      prefix -= 96;
    }
    Cidr cidr = new Cidr(address, prefix);
    if (exact && !cidr.network.equals(address)) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' has host bits set after the /"
              + (mapped ? prefix + 96 : prefix)
              + " prefix; did you mean "
              + cidr
              + "?");
    }
    return cidr;
  }

  /**
   * Tells whether an address lies in this network.
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

  /**
   * Tells whether an address literal lies in this network; anything that is not a literal does not.
   *
   * @param address an IP literal (see {@link IpLiterals#parse}), IPv6 optionally bracketed
   * @return true when it parses and is inside
   */
  public boolean contains(String address) {
    InetAddress parsed = IpLiterals.parse(address);
    return parsed != null && contains(parsed);
  }

  /** Returns the canonical form, for example {@code 10.0.0.0/8}. */
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
