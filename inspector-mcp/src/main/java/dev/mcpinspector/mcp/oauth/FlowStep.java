package dev.mcpinspector.mcp.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step of an OAuth flow as the page shows it: what was done, the HTTP exchanges it made
 * (secrets redacted) and how it ended.
 *
 * @param name the step: {@code resource_metadata}, {@code authorization_server_metadata}, {@code
 *     client}, {@code authorization_request}, {@code callback}, {@code token}, {@code refresh}
 * @param outcome {@code ok} or {@code failed}
 * @param detail what happened, in words (the error message when failed); never a secret
 * @param exchanges the HTTP requests of the step, in order
 * @param at when the step ended
 */
public record FlowStep(
    String name, String outcome, String detail, List<Exchange> exchanges, Instant at) {

  /** Outcome of a step that succeeded. */
  public static final String OK = "ok";

  /** Outcome of a step that failed; the flow stopped there. */
  public static final String FAILED = "failed";

  /**
   * Checks the arguments.
   *
   * @param name see the record description
   * @param outcome see the record description
   * @param detail see the record description
   * @param exchanges see the record description
   * @param at see the record description
   */
  public FlowStep {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(outcome, "outcome must not be null");
    exchanges = List.copyOf(exchanges);
  }

  /**
   * One HTTP request and its response, redacted.
   *
   * @param method the method
   * @param url the URL (query values that are secrets redacted)
   * @param requestBody the request body with secret values redacted, or null
   * @param status the response status, or 0 when there was no response
   * @param responseBody the response body with secret values redacted and cut to a few KiB, or null
   * @param error why the request failed before a response, or null
   */
  public record Exchange(
      String method,
      String url,
      String requestBody,
      int status,
      String responseBody,
      String error) {}
}
