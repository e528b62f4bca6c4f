/** Latest progress per (session, server, progress token), with live subscription per session. */
package dev.mcpinspector.core.progress;
