/**
 * Session identity: server-minted {@link dev.mcpinspector.core.session.SessionId}s, the {@link
 * dev.mcpinspector.core.session.Principal} a session is bound to, the signed session cookie and the
 * container-neutral session resolver.
 */
package dev.mcpinspector.core.session;
