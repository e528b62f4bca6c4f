/**
 * Per-key token-bucket rate limits ({@code INSPECTOR_CALL_RATE_LIMIT}, {@code
 * INSPECTOR_CONNECT_RATE_LIMIT}): {@link dev.mcpinspector.core.ratelimit.RateLimit} is the value,
 * {@link dev.mcpinspector.core.ratelimit.RateLimiter} the limiter the MCP engine consults per
 * principal before a call or a connect; its figures appear in the inspector's stats.
 */
package dev.mcpinspector.core.ratelimit;
