package dev.mcpinspector.core.rpc;

/** Which way a JSON-RPC message went, seen from the inspector's MCP client. */
public enum Direction {
  /** From the inspector's client to the MCP server. */
  SEND,
  /** From the MCP server to the inspector's client. */
  RECEIVE
}
