/**
 * Container-neutral HTTP security: the {@link dev.mcpinspector.core.http.RequestView} a servlet (or
 * any other) adapter hands to the core, the trusted-proxy rule that decides the effective scheme,
 * host and client address, the {@code Host}/{@code Origin}/{@code Sec-Fetch-Site} checks, and
 * {@link dev.mcpinspector.core.http.ProblemException}, which adapters render as {@code
 * application/problem+json}.
 */
package dev.mcpinspector.core.http;
