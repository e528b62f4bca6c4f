package dev.mcpinspector.core.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. A bare address is a
 * single-host network. IPv4-mapped IPv6 networks ({@code ::ffff:10.0.0.0/104}) are stored as their
 * IPv4 form, and IPv4-mapped addresses are matched as IPv4, so either spelling works. Immutable.
 */
public final class Cidr {

  private static final String ACCEPTED =
      "expected an IPv4 or IPv6 address with an optional /prefix, for example 10.0.0.0/8,"
          + " 192.168.1.10 or 2001:db8::/32";

  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /**
   * Parses one CIDR.
   *
   * @param text for example {@code "10.0.0.0/8"}, {@code "::1"} or {@code "2001:db8::/32"}
   * @return the network
   * @throws IllegalArgumentException naming the value and what is accepted, when it is not a CIDR,
   *     the prefix is out of range, or host bits are set
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "CIDR must not be null");
    String t = text.strip();
    int slash = t.indexOf('/');
    String addressText = slash < 0 ? t : t.substring(0, slash);
    byte[] address = IpLiterals.parse(addressText);
    if (address == null) {
      throw new IllegalArgumentException("'" + text + "' is not a CIDR: " + ACCEPTED);
    }
    boolean mapped = address.length == 4 && addressText.indexOf(':') >= 0;
    int max = mapped ? 128 : address.length * 8;
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
            "'" + text + "' is an IPv4-mapped network with prefix /" + prefix
                + ", but it must be at least /96; write the IPv4 network instead");
      }
      prefix -= 96;
    }
    for (int bit = prefix; bit < address.length * 8; bit++) {
      if ((address[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
        byte[] masked = mask(address, prefix);
        throw new IllegalArgumentException(
            "'" + text + "' has host bits set after the /" + (mapped ? prefix + 96 : prefix)
                + " prefix; did you mean " + IpLiterals.format(masked) + "/" + prefix + "?");
      }
    }
    return new Cidr(address, prefix);
  }

  /**
   * Parses a comma-separated list of CIDRs, as in {@code INSPECTOR_TRUSTED_PROXIES}.
   *
   * @param option the option name used in error messages
   * @param text the list; null or blank gives an empty list
   * @return the networks, in order
   * @throws IllegalArgumentException naming the option, the bad entry and what is accepted
   */
  public static List<Cidr> parseList(String option, String text) {
    List<Cidr> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return List.of();
    }
    for (String entry : text.split(",", -1)) {
      if (entry.isBlank()) {
        throw new IllegalArgumentException(
            option + " has an empty entry in '" + text + "': " + ACCEPTED + ", comma-separated");
      }
      try {
        out.add(parse(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + " entry " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int bit = prefix; bit < out.length * 8; bit++) {
      out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return out;
  }

  /**
   * Tells whether an address (4 or 16 bytes; IPv4-mapped IPv6 counts as IPv4) is in this network.
   *
   * @param address the raw address
   * @return true when it is inside
   */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int m = (0xff << (8 - rest)) & 0xff;
    return (address[full] & m) == (network[full] & m);
  }

  /**
   * Tells whether an address literal is in this network; anything that is not a literal is not.
   *
   * @param address an IP literal, IPv6 optionally bracketed
   * @return true when it parses and is inside
   */
  public boolean contains(String address) {
    byte[] bytes = IpLiterals.parse(address);
    return bytes != null && contains(bytes);
  }

  /**
   * The prefix length (of the IPv4 form for mapped networks).
   *
   * @return the prefix length
   */
  public int prefix() {
    return prefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr && ((Cidr) o).prefix == prefix && Arrays.equals(((Cidr) o).network, network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefix;
  }

  /** Returns the canonical form, for example {@code 10.0.0.0/8}. */
  @Override
  public String toString() {
    return IpLiterals.format(network) + "/" + prefix;
  }
}
