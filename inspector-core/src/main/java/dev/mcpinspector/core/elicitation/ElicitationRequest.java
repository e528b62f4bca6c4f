package dev.mcpinspector.core.elicitation;

import java.util.Objects;

/**
 * What a server asks the user.
 *
 * @param message the text to show; never null
 * @param requestedSchemaJson the JSON Schema of the expected answer, as raw JSON object text; never
 *     null
 */
public record ElicitationRequest(String message, String requestedSchemaJson) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param message see the record description
   * @param requestedSchemaJson see the record description
   */
  public ElicitationRequest {
    Objects.requireNonNull(message, "message must not be null");
    Objects.requireNonNull(requestedSchemaJson, "requestedSchemaJson must not be null");
  }
}
