package dev.mcpinspector.mcp;

import java.util.Objects;

/**
 * A client manager operation failed for a reason the API reports as a problem response: the
 * {@link #errorCode()} gives the HTTP status and {@code code}, the message is the {@code detail}.
 * Messages never contain a session id.
 */
public final class McpManagerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final McpErrorCode errorCode;

  /**
   * Creates the exception.
   *
   * @param errorCode the status and code
   * @param detail what went wrong and how to fix it
   */
  public McpManagerException(McpErrorCode errorCode, String detail) {
    this(errorCode, detail, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param errorCode the status and code
   * @param detail what went wrong and how to fix it
   * @param cause the underlying failure, or null
   */
  public McpManagerException(McpErrorCode errorCode, String detail, Throwable cause) {
    super(Objects.requireNonNull(detail, "detail"), cause);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
  }

  /**
   * The status and code.
   *
   * @return the error code
   */
  public McpErrorCode errorCode() {
    return errorCode;
  }

  /**
   * The HTTP status, shorthand for {@code errorCode().status()}.
   *
   * @return the status
   */
  public int status() {
    return errorCode.status();
  }

  /**
   * The problem {@code code}, shorthand for {@code errorCode().code()}.
   *
   * @return the code
   */
  public String code() {
    return errorCode.code();
  }

  /**
   * The problem {@code detail}: the exception message.
   *
   * @return the detail
   */
  public String detail() {
    return getMessage();
  }
}
