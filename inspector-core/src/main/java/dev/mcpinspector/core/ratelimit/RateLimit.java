package dev.mcpinspector.core.ratelimit;

import dev.mcpinspector.core.config.ConfigOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A token-bucket rate: at most {@code permits} per {@code period}, which is also the burst (a full
 * bucket holds {@code permits} tokens, refilled evenly over the period). Text form {@code
 * <permits>/<period>}: {@code 600/PT1M}, {@code 600/60} (seconds), {@code 10/s}, {@code 600/min},
 * {@code 1000/h}; {@code off} for no limit.
 *
 * @param permits tokens per period and bucket size, at least 1 ({@link Long#MAX_VALUE} = no limit)
 * @param period the refill period, positive
 */
public record RateLimit(long permits, Duration period) {

  private static final RateLimit UNLIMITED = new RateLimit(Long.MAX_VALUE, Duration.ofSeconds(1));

  /** What the text form accepts, for messages. */
  public static final String ACCEPTED =
      "off, or <permits>/<period> with a positive whole number of permits and a period such as"
          + " PT1M, 60 (seconds), s, min or h (600/PT1M, 10/s)";

  /**
   * Checks the components.
   *
   * @param permits see the record description
   * @param period see the record description
   * @throws IllegalArgumentException when permits is below 1 or the period not positive
   */
  public RateLimit {
    Objects.requireNonNull(period, "period must not be null");
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1, but was " + permits);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, but was " + period);
    }
  }

  /**
   * A rate of {@code permits} per {@code period}.
   *
   * @param permits at least 1
   * @param period positive
   * @return the rate
   */
  public static RateLimit of(long permits, Duration period) {
    return new RateLimit(permits, period);
  }

  /**
   * No limit.
   *
   * @return the unlimited rate
   */
  public static RateLimit unlimited() {
    return UNLIMITED;
  }

  /**
   * Whether this is {@link #unlimited()}.
   *
   * @return true when nothing is ever refused
   */
  public boolean isUnlimited() {
    return permits == Long.MAX_VALUE;
  }

  /**
   * Parses the text form.
   *
   * @param text {@code off} or {@code <permits>/<period>}
   * @return the rate
   * @throws IllegalArgumentException saying what is accepted
   */
  public static RateLimit parse(String text) {
    String t = Objects.requireNonNull(text, "text must not be null").strip();
    if (t.equalsIgnoreCase("off")) {
      return UNLIMITED;
    }
    int slash = t.indexOf('/');
    if (slash <= 0 || slash == t.length() - 1) {
      throw new IllegalArgumentException("expected <permits>/<period> or off");
    }
    long permits;
    try {
      permits = Long.parseLong(t.substring(0, slash).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the permits are not a whole number");
    }
    if (permits < 1) {
      throw new IllegalArgumentException("the permits must be at least 1");
    }
    String p = t.substring(slash + 1).strip().toLowerCase(Locale.ROOT);
    Duration period =
        switch (p) {
          case "s", "sec", "second" -> Duration.ofSeconds(1);
          case "m", "min", "minute" -> Duration.ofMinutes(1);
          case "h", "hour" -> Duration.ofHours(1);
          default -> {
            try {
              yield p.chars().allMatch(Character::isDigit)
                  ? Duration.ofSeconds(Long.parseLong(p))
                  : Duration.parse(p.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
              throw new IllegalArgumentException("the period is not a duration");
            }
          }
        };
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("the period must be positive");
    }
    return new RateLimit(permits, period);
  }

  /**
   * Declares a rate-limit option (key, default, description) parsed by {@link #parse(String)}.
   *
   * @param key the environment variable name
   * @param defaultValue the default
   * @param description what it limits
   * @return the option
   */
  public static ConfigOption<RateLimit> option(
      String key, RateLimit defaultValue, String description) {
    return ConfigOption.<RateLimit>builder(key)
        .description(description)
        .accepted(ACCEPTED)
        .defaultValue(defaultValue, defaultValue.toString())
        .parser(RateLimit::parse)
        .build();
  }

  /**
   * The text form.
   *
   * @return {@code off} or {@code <permits>/<period>}
   */
  @Override
  public String toString() {
    return isUnlimited() ? "off" : permits + "/" + period;
  }
}
