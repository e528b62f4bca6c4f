package dev.mcpinspector.core.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP literals without ever consulting DNS. */
final class IpLiterals {

  private IpLiterals() {}

  /**
   * Parses a dotted-quad IPv4 or an IPv6 literal (without brackets).
   *
   * @return the address, or null when the text is not a strict IP literal
   */
  static InetAddress parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.indexOf(':') >= 0) {
      // Only hex digits, colons, dots (embedded IPv4) and a zone id may appear; anything else
      // could make InetAddress fall back to a DNS lookup.
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean ok = Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%';
        if (!ok) {
          return null;
        }
      }
      try {
        return InetAddress.getByName(text);
      } catch (UnknownHostException e) {
        return null;
      }
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3) {
        return null;
      }
      for (int j = 0; j < p.length(); j++) {
        if (p.charAt(j) < '0' || p.charAt(j) > '9') {
          return null;
        }
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
