package dev.mcpinspector.core.elicitation;

import java.util.Objects;

/**
 * An answer that does not match what was asked: content that breaks the requested schema, a
 * sampling reply with a wrong content type. The message names the field, the rule and the value's
 * kind; adapters answer it with 400 {@code invalid_answer}. The request stays pending, so the user
 * may answer again.
 */
public final class InvalidAnswerException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The path of the offending field, e.g. {@code content.age}. */
  private final String field;

  /**
   * Creates the exception.
   *
   * @param field the path of the offending field, e.g. {@code content.age}
   * @param message what is wrong, naming the field and the rule
   * @throws NullPointerException when an argument is null
   */
  public InvalidAnswerException(String field, String message) {
    super(Objects.requireNonNull(message, "message must not be null"));
    this.field = Objects.requireNonNull(field, "field must not be null");
  }

  /**
   * The path of the offending field.
   *
   * @return for example {@code content.age} or {@code result.content.type}
   */
  public String field() {
    return field;
  }
}
