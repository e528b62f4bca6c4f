/**
 * IP addresses and networks shared by the front door (trusted proxies, {@code Host} checks) and the
 * outbound policy (SSRF guard, allowlist): {@link dev.mcpinspector.core.net.IpLiterals} parses
 * literals without ever touching DNS, {@link dev.mcpinspector.core.net.Cidr} is a network.
 */
package dev.mcpinspector.core.net;
