package dev.mcpinspector.core.elicitation;

import java.util.Objects;

/**
 * The user's answer.
 *
 * @param action what the user did; never null
 * @param contentJson the submitted content as raw JSON object text when {@code action} is {@link
 *     ElicitationAction#ACCEPT}, otherwise null
 */
public record ElicitationResponse(ElicitationAction action, String contentJson) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param action see the record description
   * @param contentJson see the record description
   */
  public ElicitationResponse {
    Objects.requireNonNull(action, "action must not be null");
    if (action == ElicitationAction.ACCEPT) {
      Objects.requireNonNull(contentJson, "contentJson must not be null when action is ACCEPT");
    }
  }

  /**
   * A cancel answer without content.
   *
   * @return the response
   */
  public static ElicitationResponse cancel() {
    return new ElicitationResponse(ElicitationAction.CANCEL, null);
  }

  /**
   * A decline answer without content.
   *
   * @return the response
   */
  public static ElicitationResponse decline() {
    return new ElicitationResponse(ElicitationAction.DECLINE, null);
  }
}
