/**
 * Injectable time sources, so that expiry can be tested by advancing a clock instead of sleeping.
 */
package dev.mcpinspector.core.time;
