/**
 * Authentication and the request gate: the {@link dev.mcpinspector.core.auth.Authenticator} SPI
 * with access-key, trusted-proxy identity header and JWT bearer implementations, the failed-login
 * rate limit, {@link dev.mcpinspector.core.auth.SecurityConfig} and {@link
 * dev.mcpinspector.core.auth.RequestGate}, which runs every per-request rule in order for an
 * adapter such as a servlet filter.
 */
package dev.mcpinspector.core.auth;
