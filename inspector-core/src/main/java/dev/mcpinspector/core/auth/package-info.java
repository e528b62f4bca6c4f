/** Authentication: the {@code Authenticator} SPI and its access-key, trusted-proxy and JWT implementations. */
package dev.mcpinspector.core.auth;
