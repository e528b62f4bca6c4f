package dev.mcpinspector.core.http;

/**
 * The stable, machine-readable error codes of the HTTP API, each with its HTTP status and a short
 * title. Clients switch on {@link #code()}; the wire value never changes once released.
 */
public enum ProblemCode {
  /** 400: the request is malformed (syntax, content type, field types, unknown values). */
  BAD_REQUEST(400, "bad_request", "Bad request"),
  /**
   * 400: an answer to a waiting request does not match what was asked (schema mismatch, wrong
   * content type); the detail names the field.
   */
  INVALID_ANSWER(400, "invalid_answer", "Answer does not match the request"),
  /** 400: an OAuth callback whose state is unknown, used, expired or another session's. */
  OAUTH_STATE_INVALID(400, "oauth_state_invalid", "OAuth state not valid"),
  /** 401: the request needs an authenticated principal. */
  UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
  /** 401: the MCP server needs OAuth authorization the session does not have (yet). */
  AUTHORIZATION_REQUIRED(401, "authorization_required", "Authorization required"),
  /** 403: an unsafe request without a valid CSRF token. */
  CSRF_FAILED(403, "csrf_failed", "CSRF check failed"),
  /** 403: the request's origin is not allowed. */
  ORIGIN_FORBIDDEN(403, "origin_forbidden", "Origin not allowed"),
  /** 403: the request's Host header is not an allowed host. */
  HOST_FORBIDDEN(403, "host_forbidden", "Host not allowed"),
  /** 403: the server transport is not allowed in this mode. */
  TRANSPORT_FORBIDDEN(403, "transport_forbidden", "Transport not allowed"),
  /** 403: the server URL is refused by the outbound policy. */
  URL_FORBIDDEN(403, "url_forbidden", "URL not allowed"),
  /** 403: the OAuth authorization server is not in {@code INSPECTOR_OAUTH_ALLOWED_ISSUERS}. */
  ISSUER_FORBIDDEN(403, "issuer_forbidden", "Authorization server not allowed"),
  /** 403: the principal lacks the role the route needs. */
  FORBIDDEN(403, "forbidden", "Forbidden"),
  /** 404: no route matches the path. */
  NOT_FOUND(404, "not_found", "Not found"),
  /** 404: the session has no server with that id. */
  SERVER_NOT_FOUND(404, "server_not_found", "Server not found"),
  /** 404: no pending elicitation request with that id belongs to the session. */
  ELICITATION_NOT_FOUND(404, "elicitation_not_found", "Elicitation request not found"),
  /** 404: no pending sampling request with that id belongs to the session. */
  SAMPLING_NOT_FOUND(404, "sampling_not_found", "Sampling request not found"),
  /** 405: the path exists but not for this method; the response carries {@code Allow}. */
  METHOD_NOT_ALLOWED(405, "method_not_allowed", "Method not allowed"),
  /** 409: an OAuth authorization of that server is waiting for the user. */
  AUTHORIZATION_PENDING(409, "authorization_pending", "Authorization pending"),
  /** 409: a server with that id already exists in the session. */
  SERVER_EXISTS(409, "server_exists", "Server already exists"),
  /** 413: the request body is larger than the configured maximum. */
  PAYLOAD_TOO_LARGE(413, "payload_too_large", "Payload too large"),
  /** 429: too many attempts from this client. */
  RATE_LIMITED(429, "rate_limited", "Too many requests"),
  /** 429: the session has the maximum number of servers. */
  SERVER_LIMIT(429, "server_limit", "Server limit reached"),
  /** 500: an unexpected failure; the detail never says more than that it was logged. */
  INTERNAL_ERROR(500, "internal_error", "Internal server error"),
  /** 502: the MCP server failed or answered with an error. */
  UPSTREAM_FAILED(502, "upstream_failed", "Upstream server failed"),
  /** 502: an OAuth step failed (metadata, registration, token endpoint or the user's refusal). */
  AUTHORIZATION_FAILED(502, "authorization_failed", "Authorization failed"),
  /** 503: every session is in use; the response carries {@code Retry-After}. */
  SERVER_BUSY(503, "server_busy", "Server busy"),
  /** 504: the MCP server did not answer in time. */
  UPSTREAM_TIMEOUT(504, "upstream_timeout", "Upstream server timed out");

  private static final String TYPE_PREFIX = "urn:mcp-inspector:problem:";

  private final int status;
  private final String code;
  private final String title;

  ProblemCode(int status, String code, String title) {
    this.status = status;
    this.code = code;
    this.title = title;
  }

  /**
   * Returns the HTTP status sent with this code.
   *
   * @return the status, 400 to 599
   */
  public int status() {
    return status;
  }

  /**
   * Returns the wire value of the {@code code} member, e.g. {@code "payload_too_large"}.
   *
   * @return the stable code
   */
  public String code() {
    return code;
  }

  /**
   * Returns the short human-readable summary sent as {@code title}.
   *
   * @return the title; the same for every occurrence of this code
   */
  public String title() {
    return title;
  }

  /**
   * Returns the problem {@code type} URI, {@code urn:mcp-inspector:problem:<code>}.
   *
   * @return the type URI as text
   */
  public String type() {
    return TYPE_PREFIX + code;
  }
}
