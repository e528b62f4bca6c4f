package dev.mcpinspector.core.elicitation;

import java.util.Objects;

/**
 * What a server asks through {@code sampling/createMessage} (or a 2026-07-28 sampling input
 * request): the request's params as raw JSON object text ({@code messages}, {@code
 * modelPreferences}, {@code systemPrompt}, {@code includeContext}, {@code temperature}, {@code
 * maxTokens}, {@code stopSequences}, {@code metadata}), shown to the user as they are.
 *
 * @param paramsJson the params, raw JSON object text; never null
 */
public record SamplingRequest(String paramsJson) {

  /**
   * Checks the argument.
   *
   * @param paramsJson see the record description
   * @throws NullPointerException when paramsJson is null
   * @throws IllegalArgumentException when paramsJson is not a JSON object
   */
  public SamplingRequest {
    Objects.requireNonNull(paramsJson, "paramsJson must not be null");
    JsonText.parseObject(paramsJson);
  }
}
