package dev.mcpinspector.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP literals without ever touching DNS. */
public final class IpLiterals {

  private IpLiterals() {}

  /**
   * Parses a strict IPv4 dotted quad or an IPv6 literal; IPv6 may be bracketed. IPv4-mapped IPv6
   * addresses ({@code ::ffff:10.0.0.1}) become IPv4 addresses, so one rule covers both spellings;
   * other IPv6 forms that embed an IPv4 address stay IPv6. Zone ids ({@code fe80::1%eth0}), IPv4
   * parts with leading zeros (which some read as octal) and bracketed IPv4 are refused.
   *
   * @param text the text; may be null
   * @return the address, or null when the text is not an IP literal
   */
  public static InetAddress parse(String text) {
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
    try {
      if (s.indexOf(':') < 0) {
        byte[] ipv4 = parseIpv4(s);
        return ipv4 == null ? null : InetAddress.getByAddress(ipv4);
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok = c == ':' || c == '.' || Character.digit(c, 16) >= 0 && c < 128;
        if (!ok) {
          return null;
        }
      }
      // Only hex digits, ':' and '.' reach here, so the JDK parses a literal and never resolves;
      // it also turns IPv4-mapped addresses into Inet4Address.
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Strict dotted quad: four decimal parts 0-255, no leading zeros. */
  private static byte[] parseIpv4(String s) {
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
}
