package dev.mcpinspector.core.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name (or an IP literal) to its addresses. Injectable so tests can make a name
 * resolve to loopback without touching DNS.
 */
@FunctionalInterface
public interface HostResolver {

  /**
   * Resolves a host.
   *
   * @param host a host name or an IP literal (IPv6 without brackets)
   * @return every address of the host; never empty
   * @throws UnknownHostException when the host cannot be resolved
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /**
   * The JDK resolver ({@link InetAddress#getAllByName}), the one the JDK HTTP client also uses, so
   * both see the JVM's cached answer.
   *
   * @return the system resolver
   */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
