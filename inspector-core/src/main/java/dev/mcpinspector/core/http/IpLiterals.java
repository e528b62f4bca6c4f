package dev.mcpinspector.core.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP literals without ever touching DNS. */
final class IpLiterals {

  private IpLiterals() {}

  /**
   * Parses an IPv4 or IPv6 literal; IPv6 may be bracketed. IPv4-mapped IPv6 addresses become
   * their 4-byte IPv4 form, so one rule covers both spellings.
   *
   * @return 4 or 16 bytes, or null when the text is not an IP literal
   */
  static byte[] parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      return null;
    }
    String s = text;
    if (s.charAt(0) == '[') {
      if (s.charAt(s.length() - 1) != ']') {
        return null;
      }
      s = s.substring(1, s.length() - 1);
      if (s.indexOf(':') < 0) {
        return null;
      }
    }
    if (s.indexOf(':') < 0) {
      return parseIpv4(s);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == ':' || c == '.' || Character.digit(c, 16) >= 0 && c < 128;
      if (!ok) {
        return null; // also refuses zone ids such as fe80::1%eth0
      }
    }
    try {
      // Only hex digits, ':' and '.' reach here, so the JDK parses a literal and never resolves.
      InetAddress address = InetAddress.getByName(s);
      byte[] bytes = address.getAddress();
      return address instanceof Inet6Address ? unmap(bytes) : bytes;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Strict dotted quad: four decimal parts 0-255, no leading zeros (which some read as octal). */
  static byte[] parseIpv4(String s) {
    byte[] out = new byte[4];
    int part = 0;
    int value = -1;
    int digits = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i == s.length() ? '.' : s.charAt(i);
      if (c == '.') {
        if (digits == 0 || part > 3) {
          return null;
        }
        out[part++] = (byte) value;
        value = -1;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        if (digits > 0 && value == 0) {
          return null;
        }
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (++digits > 3 || value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static byte[] unmap(byte[] b) {
    if (b.length != 16) {
      return b;
    }
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return b;
      }
    }
    if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) {
      return b;
    }
    return new byte[] {b[12], b[13], b[14], b[15]};
  }

  /** Canonical text of 4 or 16 bytes. */
  static String format(byte[] bytes) {
    try {
      String s = InetAddress.getByAddress(bytes).getHostAddress();
      return s;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address must have 4 or 16 bytes, but had " + bytes.length, e);
    }
  }
}
