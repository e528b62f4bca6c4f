package dev.mcpinspector.core.store;

import dev.mcpinspector.core.session.SessionId;

/**
 * A pin on a session's manager: while any lease of a session is open, the session is neither
 * idle-expired nor evicted for capacity. Only its absolute lifetime, {@link
 * ClientManagerStore#invalidate} and {@link ClientManagerStore#close} end a leased session; the
 * holder then finds the session gone and the manager closed.
 *
 * <p>Use it in try-with-resources around one request, or hold it for the life of an event stream. A
 * lease is meant for one thread at a time but {@link #close()} is thread-safe.
 *
 * @param <M> the manager type
 */
public interface Lease<M> extends AutoCloseable {

  /**
   * The manager of the session. It was open when the lease was handed out.
   *
   * @return the manager; never null
   * @throws IllegalStateException if this lease was closed
   */
  M manager();

  /**
   * The scope to publish events under: the caller's session in per-session mode, {@link
   * SessionId#LOCAL} in singleton mode.
   *
   * @return the event scope of the manager; never null
   */
  SessionId session();

  /**
   * Releases the pin. Idempotent: a second call does nothing. Never throws; closing a lease whose
   * session was already removed is a harmless no-op.
   */
  @Override
  void close();
}
