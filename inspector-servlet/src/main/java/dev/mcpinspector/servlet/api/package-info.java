/**
 * The built-in {@code /api} routes: the session routes ({@code /api/health}, {@code /api/session},
 * {@code /api/login}, {@code /api/logout}) and the event routes ({@link
 * dev.mcpinspector.servlet.api.EventRoutes}: RPC log, progress and elicitation snapshots and
 * streams, elicitation answers, admin statistics) with their JSON views.
 */
package dev.mcpinspector.servlet.api;
