package dev.mcpinspector.core.config;

/**
 * A configuration value that breaks its option's rule. The message names the option by its
 * environment variable key, the value (masked for secrets) and what is accepted, whichever way the
 * value was set (builder, environment, init-parameter, flag).
 */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String value;
  private final String accepted;

  /**
   * Creates the exception.
   *
   * @param key the option's environment variable name
   * @param value the bad value as text (already masked when secret)
   * @param accepted what the option accepts, as a phrase ("a positive whole number")
   * @param detail what exactly is wrong, or null
   */
  public ConfigException(String key, String value, String accepted, String detail) {
    super(
        key
            + " must be "
            + accepted
            + ", but was '"
            + value
            + "'"
            + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"));
    this.key = key;
    this.value = value;
    this.accepted = accepted;
  }

  /**
   * A rule that spans several options (checked in a configuration's {@code build()}).
   *
   * @param key the option reported first
   * @param message the whole message, naming every option involved and their values
   */
  public ConfigException(String key, String message) {
    super(message);
    this.key = key;
    this.value = null;
    this.accepted = null;
  }

  /**
   * The option's key.
   *
   * @return the environment variable name
   */
  public String key() {
    return key;
  }

  /**
   * The bad value.
   *
   * @return the value as text, masked for secrets; null for a combination rule
   */
  public String value() {
    return value;
  }

  /**
   * What the option accepts.
   *
   * @return the phrase; null for a combination rule
   */
  public String accepted() {
    return accepted;
  }
}
