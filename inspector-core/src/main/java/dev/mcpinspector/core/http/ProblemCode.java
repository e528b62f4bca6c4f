package dev.mcpinspector.core.http;

/**
 * The stable machine-readable error codes of the HTTP API, each with its status and a short
 * title. Adapters render them as the {@code code} member of a problem+json body.
 */
public enum ProblemCode {
  /** 400: the request is malformed (for example two different session cookies). */
  BAD_REQUEST(400, "bad_request", "Bad request"),
  /** 401: the route needs an authenticated principal, or credentials were refused. */
  UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
  /** 403: the CSRF token is missing or wrong. */
  CSRF_FAILED(403, "csrf_failed", "CSRF check failed"),
  /** 403: the request comes from a foreign origin or is cross-site. */
  ORIGIN_FORBIDDEN(403, "origin_forbidden", "Origin not allowed"),
  /** 403: the effective {@code Host} is not an allowed host (DNS rebinding). */
  HOST_FORBIDDEN(403, "host_forbidden", "Host not allowed"),
  /** 403: the server transport is not allowed in this mode. */
  TRANSPORT_FORBIDDEN(403, "transport_forbidden", "Transport not allowed"),
  /** 403: the server URL is refused by the outbound policy. */
  URL_FORBIDDEN(403, "url_forbidden", "URL not allowed"),
  /** 403: the principal lacks a required role. */
  FORBIDDEN(403, "forbidden", "Forbidden"),
  /** 404: no such route or resource. */
  NOT_FOUND(404, "not_found", "Not found"),
  /** 404: no such MCP server in this session. */
  SERVER_NOT_FOUND(404, "server_not_found", "Server not found"),
  /** 404: no such pending elicitation for this session. */
  ELICITATION_NOT_FOUND(404, "elicitation_not_found", "Elicitation not found"),
  /** 409: a server with that id exists. */
  SERVER_EXISTS(409, "server_exists", "Server exists"),
  /** 413: the body is too large. */
  PAYLOAD_TOO_LARGE(413, "payload_too_large", "Payload too large"),
  /** 429: too many failed logins from this client address. */
  RATE_LIMITED(429, "rate_limited", "Too many requests"),
  /** 429: the session has reached its server limit. */
  SERVER_LIMIT(429, "server_limit", "Server limit reached"),
  /** 502: the MCP server failed. */
  UPSTREAM_FAILED(502, "upstream_failed", "Upstream failed"),
  /** 503: every session slot is in use. */
  SERVER_BUSY(503, "server_busy", "Server busy"),
  /** 504: the MCP server did not answer in time. */
  UPSTREAM_TIMEOUT(504, "upstream_timeout", "Upstream timeout");

  private final int status;
  private final String code;
  private final String title;

  ProblemCode(int status, String code, String title) {
    this.status = status;
    this.code = code;
    this.title = title;
  }

  /**
   * The HTTP status.
   *
   * @return the status code, for example 403
   */
  public int status() {
    return status;
  }

  /**
   * The wire code.
   *
   * @return the stable code, for example {@code "csrf_failed"}
   */
  public String code() {
    return code;
  }

  /**
   * A short human-readable summary that does not vary between occurrences.
   *
   * @return the title
   */
  public String title() {
    return title;
  }
}
