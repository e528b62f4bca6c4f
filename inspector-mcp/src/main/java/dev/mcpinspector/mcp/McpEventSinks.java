package dev.mcpinspector.mcp;

import dev.mcpinspector.core.elicitation.ElicitationBroker;
import dev.mcpinspector.core.progress.ProgressStore;
import dev.mcpinspector.core.rpc.RpcLogBus;
import java.util.Objects;

/**
 * Where a client manager sends what its servers do: the session-scoped event plane.
 *
 * @param rpcLog receives every JSON-RPC message in both directions
 * @param progress receives progress notifications in arrival order
 * @param elicitation turns a server's {@code elicitation/create} into a request to the session's
 *     user
 */
public record McpEventSinks(
    RpcLogBus rpcLog, ProgressStore progress, ElicitationBroker elicitation) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param rpcLog see the record description
   * @param progress see the record description
   * @param elicitation see the record description
   */
  public McpEventSinks {
    Objects.requireNonNull(rpcLog, "rpcLog");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(elicitation, "elicitation");
  }
}
