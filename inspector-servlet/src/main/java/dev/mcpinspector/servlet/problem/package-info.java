/**
 * Problem responses ({@code application/problem+json}, RFC 9457) with the stable {@code code} of
 * {@link dev.mcpinspector.core.http.ProblemCode}. Internal to the adapter.
 */
package dev.mcpinspector.servlet.problem;
