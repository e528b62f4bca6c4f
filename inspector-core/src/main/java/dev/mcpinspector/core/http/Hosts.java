package dev.mcpinspector.core.http;

import dev.mcpinspector.core.net.IpLiterals;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Locale;

/** Host header syntax: validation and normalisation. */
final class Hosts {

  private Hosts() {}

  /**
   * Normalises {@code host[:port]}: lower case, no trailing dot on the name, no default port for
   * the scheme.
   *
   * @param scheme {@code http} or {@code https}, used to drop the default port; may be null
   * @return the normalised form, or null when the text is not a valid host
   */
  static String normalize(String text, String scheme) {
    if (text == null || text.isEmpty() || text.length() > 300) {
      return null;
    }
    String name;
    String port = null;
    if (text.charAt(0) == '[') {
      int close = text.indexOf(']');
      if (close < 0) {
        return null;
      }
      String literal = text.substring(0, close + 1);
      InetAddress address = IpLiterals.parse(literal);
      if (address == null) {
        return null;
      }
      String literalText = address.getHostAddress();
      name = address instanceof Inet4Address ? literalText : "[" + literalText + "]";
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (rest.charAt(0) != ':') {
          return null;
        }
        port = rest.substring(1);
      }
    } else {
      int colon = text.indexOf(':');
      name = colon < 0 ? text : text.substring(0, colon);
      if (colon >= 0) {
        port = text.substring(colon + 1);
      }
      if (name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
      if (name.isEmpty() || name.length() > 253) {
        return null;
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_';
        if (!ok) {
          return null;
        }
      }
      name = name.toLowerCase(Locale.ROOT);
    }
    if (port != null) {
      if (port.isEmpty()
          || port.length() > 5
          || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int p = Integer.parseInt(port);
      if (p == 0 || p > 65535) {
        return null;
      }
      if (("http".equals(scheme) && p == 80) || ("https".equals(scheme) && p == 443)) {
        return name;
      }
      return name + ":" + p;
    }
    return name;
  }

  /** The name part of a normalised {@code host[:port]}. */
  static String nameOf(String hostPort) {
    if (hostPort.charAt(0) == '[') {
      return hostPort.substring(0, hostPort.indexOf(']') + 1);
    }
    int colon = hostPort.indexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  /** Makes attacker-supplied text safe and short enough to quote in a problem detail. */
  static String quote(String text) {
    if (text == null) {
      return "(none)";
    }
    StringBuilder b = new StringBuilder("'");
    int n = Math.min(text.length(), 100);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (text.length() > n) {
      b.append("...");
    }
    return b.append('\'').toString();
  }
}
