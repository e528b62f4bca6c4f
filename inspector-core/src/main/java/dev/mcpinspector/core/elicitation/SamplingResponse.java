package dev.mcpinspector.core.elicitation;

import java.util.Objects;

/**
 * The user's answer to a sampling request.
 *
 * @param action what the user did; never null
 * @param resultJson when {@code action} is {@link SamplingAction#APPROVE}, the reply as a {@code
 *     CreateMessageResult} JSON object ({@code role}, {@code content}, {@code model}, {@code
 *     stopReason}); otherwise null
 */
public record SamplingResponse(SamplingAction action, String resultJson) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param action see the record description
   * @param resultJson see the record description
   * @throws NullPointerException when action is null, or resultJson is null on approve
   */
  public SamplingResponse {
    Objects.requireNonNull(action, "action must not be null");
    if (action == SamplingAction.APPROVE) {
      Objects.requireNonNull(resultJson, "resultJson must not be null when action is APPROVE");
    }
  }

  /**
   * A cancel answer.
   *
   * @return the response
   */
  public static SamplingResponse cancel() {
    return new SamplingResponse(SamplingAction.CANCEL, null);
  }

  /**
   * A reject answer.
   *
   * @return the response
   */
  public static SamplingResponse reject() {
    return new SamplingResponse(SamplingAction.REJECT, null);
  }
}
