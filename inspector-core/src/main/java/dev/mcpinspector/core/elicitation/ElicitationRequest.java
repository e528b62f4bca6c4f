package dev.mcpinspector.core.elicitation;

import java.util.Objects;

/**
 * What a server asks the user through {@code elicitation/create}.
 *
 * @param mode form or URL; never null
 * @param message the text to show; never null
 * @param requestedSchemaJson in form mode, the JSON Schema of the expected answer as raw JSON
 *     object text, never null; in URL mode null
 * @param url in URL mode the address to offer (never fetched by the inspector), never null; in form
 *     mode null
 * @param elicitationId in URL mode the server's id of the out-of-band flow, named again by {@code
 *     notifications/elicitation/complete}, never null; in form mode null
 */
public record ElicitationRequest(
    ElicitationMode mode,
    String message,
    String requestedSchemaJson,
    String url,
    String elicitationId) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param mode see the record description
   * @param message see the record description
   * @param requestedSchemaJson see the record description
   * @param url see the record description
   * @param elicitationId see the record description
   * @throws NullPointerException when a component the mode needs is null
   * @throws IllegalArgumentException when a component the mode does not use is set
   */
  public ElicitationRequest {
    Objects.requireNonNull(mode, "mode must not be null");
    Objects.requireNonNull(message, "message must not be null");
    if (mode == ElicitationMode.FORM) {
      Objects.requireNonNull(requestedSchemaJson, "requestedSchemaJson must not be null");
      if (url != null || elicitationId != null) {
        throw new IllegalArgumentException("url and elicitationId must be null in form mode");
      }
    } else {
      Objects.requireNonNull(url, "url must not be null in URL mode");
      Objects.requireNonNull(elicitationId, "elicitationId must not be null in URL mode");
      if (requestedSchemaJson != null) {
        throw new IllegalArgumentException("requestedSchemaJson must be null in URL mode");
      }
    }
  }

  /**
   * A form-mode request.
   *
   * @param message the text to show
   * @param requestedSchemaJson the JSON Schema of the expected answer, raw JSON object text
   * @throws NullPointerException when an argument is null
   */
  public ElicitationRequest(String message, String requestedSchemaJson) {
    this(ElicitationMode.FORM, message, requestedSchemaJson, null, null);
  }

  /**
   * A URL-mode request.
   *
   * @param message why the user should go there
   * @param url the address to offer
   * @param elicitationId the server's id of the flow
   * @return the request
   * @throws NullPointerException when an argument is null
   */
  public static ElicitationRequest url(String message, String url, String elicitationId) {
    return new ElicitationRequest(ElicitationMode.URL, message, null, url, elicitationId);
  }
}
