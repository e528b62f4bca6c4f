/**
 * Internal: the argument checks the configuration builders of every component share, so that a bad
 * setting is reported the same way everywhere ({@code "idleTimeout must be positive, but was
 * PT-1S"}). Not part of the API.
 */
package dev.mcpinspector.core.config;
