package dev.mcpinspector.core.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options one component or module declares, in documentation order. Each module exposes its
 * group (core: {@code InspectorConfig.OPTIONS}), so a launcher's {@code --help} and the
 * documentation can list every option of every module in one place.
 *
 * @param name the component or module, for headings ("core", "mcp", "storage", ...)
 * @param description one sentence about what the group configures
 * @param options the options, no key twice
 */
public record OptionGroup(String name, String description, List<ConfigOption<?>> options) {

  /**
   * Copies the list and checks that no key appears twice.
   *
   * @param name see the record description
   * @param description see the record description
   * @param options see the record description
   * @throws IllegalArgumentException naming the key declared twice
   */
  public OptionGroup {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(description, "description must not be null");
    options = List.copyOf(options);
    Set<String> seen = new LinkedHashSet<>();
    for (ConfigOption<?> o : options) {
      if (!seen.add(o.key())) {
        throw new IllegalArgumentException(
            "option " + o.key() + " is declared twice in group " + name);
      }
    }
  }

  /**
   * A group of the given options.
   *
   * @param name the name
   * @param description the description
   * @param options the options
   * @return the group
   */
  public static OptionGroup of(String name, String description, ConfigOption<?>... options) {
    return new OptionGroup(name, description, List.of(options));
  }

  /**
   * The keys, in order.
   *
   * @return the keys
   */
  public List<String> keys() {
    return options.stream().map(ConfigOption::key).toList();
  }

  /**
   * Finds an option by key.
   *
   * @param key the environment variable name
   * @return the option, or empty
   */
  public Optional<ConfigOption<?>> find(String key) {
    return options.stream().filter(o -> o.key().equals(key)).findFirst();
  }

  /**
   * Checks every option's text in a source without building anything, so a launcher can report
   * every bad value at once.
   *
   * @param source the source
   * @return the problems, empty when every present value parses
   */
  public List<ConfigException> validate(ConfigSource source) {
    java.util.ArrayList<ConfigException> problems = new java.util.ArrayList<>();
    for (ConfigOption<?> o : options) {
      try {
        o.read(source);
      } catch (ConfigException e) {
        problems.add(e);
      }
    }
    return List.copyOf(problems);
  }

  /**
   * A plain-text listing for {@code --help}: flag, key, default and description of each option.
   *
   * @return the text, one block per option
   */
  public String helpText() {
    StringBuilder sb = new StringBuilder();
    sb.append(name).append(": ").append(description).append('\n');
    for (ConfigOption<?> o : options) {
      sb.append("  ")
          .append(o.flag())
          .append(" (")
          .append(o.key())
          .append(")  default: ")
          .append(o.defaultText())
          .append('\n')
          .append("      ")
          .append(o.description())
          .append(" Accepts ")
          .append(o.accepted())
          .append(".\n");
    }
    return sb.toString();
  }

  /**
   * A Markdown table (key, default, accepted values, description), as in {@code
   * docs/configuration.md}.
   *
   * @return the table
   */
  public String markdownTable() {
    StringBuilder sb =
        new StringBuilder("| key | default | accepted | what |\n| --- | --- | --- | --- |\n");
    for (ConfigOption<?> o : options) {
      sb.append("| `")
          .append(o.key())
          .append("` | ")
          .append(o.defaultText())
          .append(" | ")
          .append(o.accepted())
          .append(" | ")
          .append(o.description())
          .append(" |\n");
    }
    return sb.toString();
  }
}
