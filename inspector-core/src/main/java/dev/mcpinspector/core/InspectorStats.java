package dev.mcpinspector.core;

import dev.mcpinspector.core.elicitation.ElicitationStats;
import dev.mcpinspector.core.progress.ProgressStats;
import dev.mcpinspector.core.ratelimit.RateLimiterStats;
import dev.mcpinspector.core.rpc.RpcLogStats;
import dev.mcpinspector.core.store.StoreStats;

/**
 * Figures of every component at one moment, for operators ({@code GET /api/admin/stats}). Holds no
 * session id.
 *
 * @param mode the deployment mode
 * @param boundSessions cookie sessions bound to a principal
 * @param store the client manager store
 * @param rpcLog the RPC log
 * @param progress the progress store
 * @param elicitations the elicitation broker
 * @param callRateLimit the per-principal MCP call limiter
 * @param connectRateLimit the per-principal MCP connect limiter
 */
public record InspectorStats(
    Mode mode,
    int boundSessions,
    StoreStats store,
    RpcLogStats rpcLog,
    ProgressStats progress,
    ElicitationStats elicitations,
    RateLimiterStats callRateLimit,
    RateLimiterStats connectRateLimit) {}
