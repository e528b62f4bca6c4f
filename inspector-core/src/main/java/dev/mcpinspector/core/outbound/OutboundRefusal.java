package dev.mcpinspector.core.outbound;

/**
 * Why the outbound policy refused a connection, with the HTTP status and the stable
 * machine-readable {@code code} of the API's problem responses.
 */
public enum OutboundRefusal {
  /** The transport is not allowed in this mode (stdio in hosted mode). */
  TRANSPORT_FORBIDDEN(403, "transport_forbidden"),
  /** The URL is well formed but its scheme or addresses are refused. */
  URL_FORBIDDEN(403, "url_forbidden"),
  /** The URL or a connection header is malformed or not allowed. */
  BAD_REQUEST(400, "bad_request");

  private final int status;
  private final String code;

  OutboundRefusal(int status, String code) {
    this.status = status;
    this.code = code;
  }

  /**
   * The HTTP status of the problem response.
   *
   * @return 400 or 403
   */
  public int status() {
    return status;
  }

  /**
   * The stable {@code code} of the problem response.
   *
   * @return for example {@code "url_forbidden"}
   */
  public String code() {
    return code;
  }
}
