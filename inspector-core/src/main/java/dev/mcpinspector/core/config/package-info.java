/**
 * The configuration API every module shares: a {@link dev.mcpinspector.core.config.ConfigSource}
 * (environment, init-parameters, properties, flags) read through declared {@link
 * dev.mcpinspector.core.config.ConfigOption}s, listed per module by {@link
 * dev.mcpinspector.core.config.OptionGroup}; a bad value is a {@link
 * dev.mcpinspector.core.config.ConfigException} naming the key, the value and what is accepted.
 * {@code Checks} is internal (argument checks shared by the component builders).
 */
package dev.mcpinspector.core.config;
