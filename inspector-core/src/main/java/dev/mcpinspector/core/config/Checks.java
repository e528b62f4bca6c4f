package dev.mcpinspector.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Internal, public only so every component's configuration builder can share it: argument checks
 * whose messages name the setting, the bad value and the rule. Each returns its argument.
 */
public final class Checks {

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  private Checks() {}

  /**
   * Requires a positive number.
   *
   * @param name the setting, for the message
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException "{@code name} must be positive, but was {@code value}"
   */
  public static int positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }

  /**
   * Requires a positive number.
   *
   * @param name the setting, for the message
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException "{@code name} must be positive, but was {@code value}"
   */
  public static long positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }

  /**
   * Requires a positive duration.
   *
   * @param name the setting, for the message
   * @param value the value
   * @return the value
   * @throws NullPointerException "{@code name} must not be null"
   * @throws IllegalArgumentException "{@code name} must be positive, but was {@code value}"
   */
  public static Duration positive(String name, Duration value) {
    Objects.requireNonNull(value, name + " must not be null");
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, but was " + value);
    }
    return value;
  }

  /**
   * Requires a number of at least {@code min}.
   *
   * @param name the setting, for the message
   * @param value the value
   * @param min the smallest accepted value
   * @return the value
   * @throws IllegalArgumentException "{@code name} must be at least {@code min}, but was {@code
   *     value}"
   */
  public static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", but was " + value);
    }
    return value;
  }

  /**
   * Requires a duration of at least one second.
   *
   * @param name the setting, for the message
   * @param value the value
   * @return the value
   * @throws NullPointerException "{@code name} must not be null"
   * @throws IllegalArgumentException "{@code name} must be at least 1 second, but was {@code
   *     value}"
   */
  public static Duration atLeastOneSecond(String name, Duration value) {
    Objects.requireNonNull(value, name + " must not be null");
    if (value.compareTo(ONE_SECOND) < 0) {
      throw new IllegalArgumentException(name + " must be at least 1 second, but was " + value);
    }
    return value;
  }

  /**
   * Requires a duration that is zero or positive.
   *
   * @param name the setting, for the message
   * @param value the value
   * @return the value
   * @throws NullPointerException "{@code name} must not be null"
   * @throws IllegalArgumentException "{@code name} must not be negative, but was {@code value}"
   */
  public static Duration notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name + " must not be null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, but was " + value);
    }
    return value;
  }
}
