package dev.mcpinspector.core;

import dev.mcpinspector.core.config.Checks;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Parsers for the textual forms of configuration values, with messages that say what to fix. */
final class ConfigValues {

  private ConfigValues() {}

  /** Parses {@code PT30M}-style ISO-8601 durations or plain seconds ({@code 1800}). */
  static Duration duration(String option, String text) {
    String t = text.trim();
    try {
      if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
        return Duration.ofSeconds(Long.parseLong(t));
      }
      return Duration.parse(t);
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException(
          option
              + " must be an ISO-8601 duration such as PT30M or a number of seconds, but was '"
              + text
              + "'");
    }
  }

  static int positiveInt(String option, String text) {
    long v = positiveLong(option, text);
    if (v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          option + " must be at most " + Integer.MAX_VALUE + ", but was " + v);
    }
    return (int) v;
  }

  static long positiveLong(String option, String text) {
    long v;
    try {
      v = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " must be a positive whole number, but was '" + text + "'");
    }
    return Checks.positive(option, v);
  }

  static boolean bool(String option, String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException(
        option + " must be 'true' or 'false', but was '" + text + "'");
  }

  /** Splits a comma-separated list, trimming entries and dropping empty ones. */
  static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }
}
