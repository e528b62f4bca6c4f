package dev.mcpinspector.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One declared configuration option: its key (the environment variable and init-parameter name),
 * its default, a description, what it accepts, how its text is parsed and the rule every value must
 * keep. Declared once, as a constant, by the component that owns it; listed by {@link OptionGroup}
 * so {@code --help} and the documentation show every option. Immutable and thread-safe.
 *
 * <p>The rule is applied where a value enters: {@link #parse(String)} for text (environment,
 * init-parameters, flags) and {@link #check(Object)} for typed values (a builder method), and both
 * fail with a {@link ConfigException} naming the key, the value and what is accepted.
 *
 * @param <T> the value type
 */
public final class ConfigOption<T> {

  private static final String DURATION_TEXT = "an ISO-8601 duration (PT30M) or a number of seconds";

  private final String key;
  private final String description;
  private final String accepted;
  private final String defaultText;
  private final T defaultValue;
  private final Function<String, T> parser;
  private final Predicate<T> rule;
  private final Consumer<T> check;
  private final boolean secret;

  private ConfigOption(Builder<T> b) {
    this.key = b.key;
    this.description = Objects.requireNonNull(b.description, key + ": description is required");
    this.accepted = Objects.requireNonNull(b.accepted, key + ": accepted is required");
    this.parser = Objects.requireNonNull(b.parser, key + ": parser is required");
    this.rule = b.rule;
    this.check = b.check;
    this.secret = b.secret;
    this.defaultValue = b.defaultValue;
    this.defaultText =
        b.defaultText != null
            ? b.defaultText
            : b.defaultValue == null ? "none" : String.valueOf(b.defaultValue);
    if (defaultValue != null && problem(defaultValue) != null) {
      throw new IllegalArgumentException(
          key + ": the default " + defaultValue + " breaks the option's own rule: " + accepted);
    }
  }

  /**
   * Starts declaring an option.
   *
   * @param key the environment variable name, upper case with underscores ({@code INSPECTOR_X})
   * @param <T> the value type
   * @return a builder
   * @throws IllegalArgumentException when the key is not upper case letters, digits and underscores
   */
  public static <T> Builder<T> builder(String key) {
    return new Builder<>(key);
  }

  /**
   * A positive duration: ISO-8601 ({@code PT30M}) or plain seconds ({@code 1800}).
   *
   * @param key the key
   * @param defaultValue the default, or null for none
   * @param description what it sets
   * @return the option
   */
  public static ConfigOption<Duration> duration(
      String key, Duration defaultValue, String description) {
    return ConfigOption.<Duration>builder(key)
        .description(description)
        .accepted("a positive duration: " + DURATION_TEXT)
        .defaultValue(defaultValue, defaultValue == null ? null : defaultValue.toString())
        .parser(ConfigOption::parseDuration)
        .rule(d -> !d.isNegative() && !d.isZero())
        .build();
  }

  /**
   * A duration of at least {@code min}.
   *
   * @param key the key
   * @param defaultValue the default, or null for none
   * @param min the smallest accepted value (zero allows zero)
   * @param description what it sets
   * @return the option
   */
  public static ConfigOption<Duration> duration(
      String key, Duration defaultValue, Duration min, String description) {
    return ConfigOption.<Duration>builder(key)
        .description(description)
        .accepted("a duration of at least " + min + ": " + DURATION_TEXT)
        .defaultValue(defaultValue, defaultValue == null ? null : defaultValue.toString())
        .parser(ConfigOption::parseDuration)
        .rule(d -> d.compareTo(min) >= 0)
        .build();
  }

  /**
   * A whole number from {@code min} to {@code max}, inclusive.
   *
   * @param key the key
   * @param defaultValue the default
   * @param min the smallest accepted value
   * @param max the largest accepted value
   * @param description what it sets
   * @return the option
   */
  public static ConfigOption<Integer> integer(
      String key, int defaultValue, int min, int max, String description) {
    String accepted =
        max == Integer.MAX_VALUE
            ? (min == 1 ? "a positive whole number" : "a whole number of at least " + min)
            : "a whole number from " + min + " to " + max;
    return ConfigOption.<Integer>builder(key)
        .description(description)
        .accepted(accepted)
        .defaultValue(defaultValue, null)
        .parser(t -> Integer.valueOf(t.strip()))
        .rule(v -> v >= min && v <= max)
        .build();
  }

  /**
   * A positive whole number (int).
   *
   * @param key the key
   * @param defaultValue the default
   * @param description what it sets
   * @return the option
   */
  public static ConfigOption<Integer> positiveInt(
      String key, int defaultValue, String description) {
    return integer(key, defaultValue, 1, Integer.MAX_VALUE, description);
  }

  /**
   * A positive whole number (long), for byte counts.
   *
   * @param key the key
   * @param defaultValue the default, or null for none (then the component derives one)
   * @param defaultText how the default is documented (for example "1/8 of the max heap")
   * @param description what it sets
   * @return the option
   */
  public static ConfigOption<Long> positiveLong(
      String key, Long defaultValue, String defaultText, String description) {
    return ConfigOption.<Long>builder(key)
        .description(description)
        .accepted("a positive whole number")
        .defaultValue(defaultValue, defaultText)
        .parser(t -> Long.valueOf(t.strip()))
        .rule(v -> v > 0)
        .build();
  }

  /**
   * {@code true} or {@code false}, any case.
   *
   * @param key the key
   * @param defaultValue the default
   * @param description what it sets
   * @return the option
   */
  public static ConfigOption<Boolean> bool(String key, boolean defaultValue, String description) {
    return ConfigOption.<Boolean>builder(key)
        .description(description)
        .accepted("true or false")
        .defaultValue(defaultValue, null)
        .parser(ConfigOption::parseBoolean)
        .build();
  }

  /**
   * Free text without a default (trimmed).
   *
   * @param key the key
   * @param accepted what it accepts, as a phrase
   * @param description what it sets
   * @return the option
   */
  public static ConfigOption<String> text(String key, String accepted, String description) {
    return ConfigOption.<String>builder(key)
        .description(description)
        .accepted(accepted)
        .parser(String::strip)
        .rule(s -> !s.isBlank())
        .build();
  }

  /**
   * A comma-separated list; entries are trimmed and empty entries dropped. The default is the empty
   * list.
   *
   * @param key the key
   * @param accepted what one entry accepts, as a phrase
   * @param description what it sets
   * @return the option
   */
  public static ConfigOption<List<String>> list(String key, String accepted, String description) {
    return ConfigOption.<List<String>>builder(key)
        .description(description)
        .accepted("a comma-separated list of " + accepted)
        .defaultValue(List.of(), "none")
        .parser(ConfigOption::splitList)
        .build();
  }

  /**
   * A comma-separated list whose every entry must pass a check; the default is the empty list.
   *
   * @param key the key
   * @param accepted what one entry accepts, as a phrase
   * @param description what it sets
   * @param entryCheck throws {@link IllegalArgumentException} (saying why) for a bad entry
   * @return the option
   */
  public static ConfigOption<List<String>> list(
      String key, String accepted, String description, Consumer<String> entryCheck) {
    Objects.requireNonNull(entryCheck, "entryCheck must not be null");
    return ConfigOption.<List<String>>builder(key)
        .description(description)
        .accepted("a comma-separated list of " + accepted)
        .defaultValue(List.of(), "none")
        .parser(
            t -> {
              List<String> entries = splitList(t);
              entries.forEach(entryCheck);
              return entries;
            })
        .check(l -> l.forEach(entryCheck))
        .build();
  }

  /**
   * A rule made of a check that throws for a bad value.
   *
   * @param check throws a {@link RuntimeException} for a bad value
   * @param <T> the value type
   * @return a rule that is true exactly when the check does not throw
   */
  public static <T> Predicate<T> passes(Consumer<T> check) {
    return v -> {
      try {
        check.accept(v);
        return true;
      } catch (RuntimeException e) {
        return false;
      }
    };
  }

  /**
   * One of a fixed set of words, matched in any case; the value is the canonical spelling.
   *
   * @param key the key
   * @param defaultValue the default, one of the words
   * @param words the accepted words, canonical spelling
   * @param description what it sets
   * @return the option
   */
  public static ConfigOption<String> oneOf(
      String key, String defaultValue, List<String> words, String description) {
    List<String> accepted = List.copyOf(words);
    return ConfigOption.<String>builder(key)
        .description(description)
        .accepted("one of " + String.join(", ", accepted) + " (any case)")
        .defaultValue(defaultValue, null)
        .parser(
            t -> {
              for (String w : accepted) {
                if (w.equalsIgnoreCase(t.strip())) {
                  return w;
                }
              }
              throw new IllegalArgumentException();
            })
        .rule(accepted::contains)
        .build();
  }

  /**
   * The key: environment variable and init-parameter name.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The command-line flag, {@code --} and {@link ConfigSource#flagName(String)}.
   *
   * @return the flag, for example {@code --session-idle-timeout}
   */
  public String flag() {
    return "--" + ConfigSource.flagName(key);
  }

  /**
   * What the option sets.
   *
   * @return one sentence
   */
  public String description() {
    return description;
  }

  /**
   * What it accepts.
   *
   * @return a phrase such as "a positive whole number"
   */
  public String accepted() {
    return accepted;
  }

  /**
   * The default as documented.
   *
   * @return the text, "none" when there is no default
   */
  public String defaultText() {
    return defaultText;
  }

  /**
   * The default value.
   *
   * @return the default, or empty when the option has none
   */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /**
   * Whether the value is a secret (masked in messages and {@code toString()}).
   *
   * @return true for secrets
   */
  public boolean secret() {
    return secret;
  }

  /**
   * Parses and checks text.
   *
   * @param text the text (not blank)
   * @return the value
   * @throws ConfigException naming the key, the value and what is accepted
   */
  public T parse(String text) {
    T value;
    try {
      value = parser.apply(text);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigException(key, shown(text), accepted, detail(e, text));
    }
    String problem = value == null ? "" : problem(value);
    if (problem != null) {
      throw new ConfigException(key, shown(text), accepted, problem);
    }
    return value;
  }

  /** Null when the value keeps the rule, otherwise the detail ("" when there is none). */
  private String problem(T value) {
    if (!rule.test(value)) {
      return "";
    }
    if (check != null) {
      try {
        check.accept(value);
      } catch (RuntimeException e) {
        String d = detail(e, String.valueOf(value));
        return d == null ? "" : d;
      }
    }
    return null;
  }

  /**
   * Checks a typed value (set on a builder) against the option's rule.
   *
   * @param value the value
   * @return the value
   * @throws ConfigException naming the key, the value and what is accepted; also for null
   */
  public T check(T value) {
    String problem = value == null ? "" : problem(value);
    if (problem != null) {
      throw new ConfigException(key, shown(text(value)), accepted, problem);
    }
    return value;
  }

  private static String text(Object value) {
    if (value instanceof List<?> l) {
      StringBuilder sb = new StringBuilder();
      for (Object o : l) {
        sb.append(sb.length() == 0 ? "" : ",").append(o);
      }
      return sb.toString();
    }
    return String.valueOf(value);
  }

  /**
   * Reads and parses the option from a source.
   *
   * @param source the source
   * @return the value, or empty when the source has none
   * @throws ConfigException when the text is bad
   */
  public Optional<T> read(ConfigSource source) {
    Optional<String> text = source.get(key);
    return text.isEmpty() || text.get().isBlank()
        ? Optional.empty()
        : Optional.of(parse(text.get()));
  }

  /**
   * Reads the option from a source, or its default.
   *
   * @param source the source
   * @return the value, the default, or null when neither exists
   * @throws ConfigException when the text is bad
   */
  public T readOrDefault(ConfigSource source) {
    return read(source).orElse(defaultValue);
  }

  @Override
  public String toString() {
    return key;
  }

  private String shown(String text) {
    return secret ? "<masked, " + (text == null ? 0 : text.length()) + " characters>" : text;
  }

  private String detail(RuntimeException e, String text) {
    String m = e.getMessage();
    if (m == null
        || m.isEmpty()
        || e instanceof NumberFormatException
        || (secret && m.contains(text.strip()))) {
      return null;
    }
    return m;
  }

  /**
   * Parses a duration: ISO-8601 ({@code PT30M}) or a whole number of seconds ({@code 1800}).
   *
   * @param text the text
   * @return the duration (not yet checked against any rule)
   * @throws IllegalArgumentException when it is neither
   */
  public static Duration parseDuration(String text) {
    String t = text.strip();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    try {
      return Duration.parse(t);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration", e);
    }
  }

  private static Boolean parseBoolean(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return Boolean.TRUE;
    }
    if (t.equals("false")) {
      return Boolean.FALSE;
    }
    throw new IllegalArgumentException();
  }

  /**
   * Splits a comma-separated list, trimming entries and dropping empty ones.
   *
   * @param text the text
   * @return the entries, immutable
   */
  public static List<String> splitList(String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Declares a {@link ConfigOption}. Not thread-safe.
   *
   * @param <T> the value type
   */
  public static final class Builder<T> {
    private final String key;
    private String description;
    private String accepted;
    private String defaultText;
    private T defaultValue;
    private Function<String, T> parser;
    private Predicate<T> rule = v -> true;
    private Consumer<T> check;
    private boolean secret;

    private Builder(String key) {
      Objects.requireNonNull(key, "key must not be null");
      if (!key.matches("[A-Z][A-Z0-9_]*")) {
        throw new IllegalArgumentException(
            "an option key must be upper case letters, digits and underscores, but was '"
                + key
                + "'");
      }
      this.key = key;
    }

    /**
     * Sets the description.
     *
     * @param description one sentence saying what the option sets
     * @return this builder
     */
    public Builder<T> description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets what the option accepts, as the phrase that follows "must be".
     *
     * @param accepted for example "a positive whole number"
     * @return this builder
     */
    public Builder<T> accepted(String accepted) {
      this.accepted = accepted;
      return this;
    }

    /**
     * Sets the default.
     *
     * @param value the default value, or null for none
     * @param text how it is documented, or null for {@code String.valueOf(value)}
     * @return this builder
     */
    public Builder<T> defaultValue(T value, String text) {
      this.defaultValue = value;
      this.defaultText = text;
      return this;
    }

    /**
     * Sets the parser; whatever it throws becomes a {@link ConfigException} naming the key, the
     * text and what is accepted (with the exception's message as detail).
     *
     * @param parser text to value
     * @return this builder
     */
    public Builder<T> parser(Function<String, T> parser) {
      this.parser = parser;
      return this;
    }

    /**
     * Sets the rule every value keeps, parsed or set on a builder.
     *
     * @param rule true when the value is acceptable
     * @return this builder
     */
    public Builder<T> rule(Predicate<T> rule) {
      this.rule = Objects.requireNonNull(rule, "rule must not be null");
      return this;
    }

    /**
     * Sets a check every value passes, parsed or set on a builder, for rules whose failure has a
     * detail to tell (the message of what the check throws, unless it shows a secret value).
     *
     * @param check throws a {@link RuntimeException} saying why a value is bad
     * @return this builder
     */
    public Builder<T> check(Consumer<T> check) {
      this.check = Objects.requireNonNull(check, "check must not be null");
      return this;
    }

    /**
     * Marks the value as secret: masked in messages.
     *
     * @return this builder
     */
    public Builder<T> secret() {
      this.secret = true;
      return this;
    }

    /**
     * Builds the option.
     *
     * @return the option
     * @throws NullPointerException when description, accepted or parser is missing
     * @throws IllegalArgumentException when the default breaks the rule
     */
    public ConfigOption<T> build() {
      return new ConfigOption<>(this);
    }
  }
}
