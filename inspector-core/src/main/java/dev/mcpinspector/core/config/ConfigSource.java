package dev.mcpinspector.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where configuration text comes from: a key (the environment variable name, such as {@code
 * INSPECTOR_MODE}) maps to an optional string. The same {@link ConfigOption} parses the text
 * whatever the source: the process environment, servlet context init-parameters, a {@link
 * Properties} file or command-line flags. Blank values count as absent.
 *
 * <p>Implementations must be safe to call from one thread at a time; the factories here return
 * sources that are immutable (except {@link #environment()}, which reads the live environment).
 */
@FunctionalInterface
public interface ConfigSource {

  /**
   * The text of a key.
   *
   * @param key the environment variable name of an option
   * @return the text, or empty when the key is absent or its value is blank
   */
  Optional<String> get(String key);

  /**
   * The environment of this process.
   *
   * @return a source reading {@link System#getenv(String)}
   */
  static ConfigSource environment() {
    return of(System::getenv);
  }

  /**
   * A source that has no value for any key.
   *
   * @return the empty source
   */
  static ConfigSource empty() {
    return key -> Optional.empty();
  }

  /**
   * A source over a lookup function (for example {@code ServletContext::getInitParameter}).
   *
   * @param lookup returns the value of a key, or null when absent
   * @return the source
   * @throws NullPointerException if lookup is null
   */
  static ConfigSource of(Function<String, String> lookup) {
    Objects.requireNonNull(lookup, "lookup must not be null");
    return key -> present(lookup.apply(key));
  }

  /**
   * A source over a map of environment variable names to values; the map is copied.
   *
   * @param values the values
   * @return the source
   * @throws NullPointerException if values is null
   */
  static ConfigSource of(Map<String, String> values) {
    Map<String, String> copy = new HashMap<>(Objects.requireNonNull(values, "values is null"));
    return key -> present(copy.get(key));
  }

  /**
   * A source over properties keyed by environment variable name; the properties are copied.
   *
   * @param properties the properties
   * @return the source
   * @throws NullPointerException if properties is null
   */
  static ConfigSource of(Properties properties) {
    Objects.requireNonNull(properties, "properties must not be null");
    Map<String, String> copy = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      copy.put(name, properties.getProperty(name));
    }
    return key -> present(copy.get(key));
  }

  /**
   * A source over command-line flags of the form {@code --name=value}, where the name is the
   * option's {@linkplain #flagName(String) flag name} ({@code --session-idle-timeout=PT5M} sets
   * {@code INSPECTOR_SESSION_IDLE_TIMEOUT}). A later flag wins over an earlier one.
   *
   * @param args the flags
   * @return the source
   * @throws IllegalArgumentException naming the argument when one is not {@code --name=value}
   */
  static ConfigSource ofFlags(List<String> args) {
    Map<String, String> byFlag = new HashMap<>();
    for (String arg : new ArrayList<>(args)) {
      int eq = arg == null ? -1 : arg.indexOf('=');
      if (arg == null || !arg.startsWith("--") || eq < 3) {
        throw new IllegalArgumentException(
            "command-line arguments must be --name=value (for example --mode=hosted), but was '"
                + arg
                + "'");
      }
      byFlag.put(arg.substring(2, eq).toLowerCase(Locale.ROOT), arg.substring(eq + 1));
    }
    return key -> present(byFlag.get(flagName(key)));
  }

  /**
   * The command-line flag name of an option key: without the {@code INSPECTOR_} prefix, lower case,
   * dashes for underscores ({@code INSPECTOR_SESSION_IDLE_TIMEOUT} becomes {@code
   * session-idle-timeout}, {@code PORT} becomes {@code port}).
   *
   * @param key the environment variable name
   * @return the flag name, without the leading dashes
   */
  static String flagName(String key) {
    String k = key.startsWith("INSPECTOR_") ? key.substring("INSPECTOR_".length()) : key;
    return k.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * This source, falling back to another for keys this one does not have (for example
   * init-parameters first, then the environment).
   *
   * @param fallback the source asked second
   * @return the combined source
   * @throws NullPointerException if fallback is null
   */
  default ConfigSource orElse(ConfigSource fallback) {
    Objects.requireNonNull(fallback, "fallback must not be null");
    return key -> {
      Optional<String> v = get(key);
      return v.isPresent() ? v : fallback.get(key);
    };
  }

  private static Optional<String> present(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
