package dev.mcpinspector.core.ratelimit;

/**
 * Figures of one {@link RateLimiter}, for {@code GET /api/admin/stats}.
 *
 * @param limit the rate in text form ({@code 600/PT1M} or {@code off})
 * @param trackedKeys buckets held now
 * @param allowed attempts allowed since start
 * @param refused attempts refused since start
 */
public record RateLimiterStats(String limit, int trackedKeys, long allowed, long refused) {}
