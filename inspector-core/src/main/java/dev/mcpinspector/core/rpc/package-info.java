/**
 * The RPC log: every JSON-RPC message between a session's client manager and its servers, kept in
 * bounded ring buffers per (session, server) and delivered live to that session's subscribers only.
 */
package dev.mcpinspector.core.rpc;
