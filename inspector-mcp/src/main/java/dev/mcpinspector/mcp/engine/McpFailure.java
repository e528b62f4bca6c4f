package dev.mcpinspector.mcp.engine;

import java.util.Objects;

/**
 * Why an engine operation failed, as a {@link Kind} the caller maps to its own error codes (never
 * by reading the message). The message is safe to show a user: server-supplied text in it is
 * shortened and stripped of control characters.
 */
public final class McpFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The kinds of failure. */
  public enum Kind {
    /** No answer within the allowed time. */
    TIMEOUT,
    /** The outbound policy refused the address a connection was about to use. */
    REFUSED,
    /** The server answered with a JSON-RPC error; see {@link #rpcCode()}. */
    ERROR_RESPONSE,
    /** The server broke the protocol: bad JSON, missing or unknown fields, wrong versions. */
    PROTOCOL,
    /** The connection failed: refused, reset, closed, HTTP error status, or too large. */
    TRANSPORT,
    /** The caller cancelled the call. */
    CANCELLED,
    /** The connection was closed. */
    CLOSED
  }

  private final Kind kind;
  private final Integer rpcCode;

  /**
   * Creates a failure.
   *
   * @param kind the kind
   * @param message what happened, without the server id or operation (the caller adds them)
   * @param rpcCode the JSON-RPC error code for {@link Kind#ERROR_RESPONSE}, else null
   * @param cause the cause, or null
   */
  public McpFailure(Kind kind, String message, Integer rpcCode, Throwable cause) {
    super(message, cause, false, false);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.rpcCode = rpcCode;
  }

  static McpFailure of(Kind kind, String message) {
    return new McpFailure(kind, message, null, null);
  }

  /**
   * The kind.
   *
   * @return never null
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The JSON-RPC error code of an {@link Kind#ERROR_RESPONSE}.
   *
   * @return the code, or null for other kinds
   */
  public Integer rpcCode() {
    return rpcCode;
  }

  /**
   * Unwraps completion wrappers to find the engine failure, if any.
   *
   * @param t a throwable from a future
   * @return the failure, or null when none is in the chain
   */
  public static McpFailure find(Throwable t) {
    for (Throwable x = t; x != null; x = x.getCause()) {
      if (x instanceof McpFailure f) {
        return f;
      }
    }
    return null;
  }
}
