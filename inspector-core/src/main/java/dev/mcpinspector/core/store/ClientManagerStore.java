package dev.mcpinspector.core.store;

import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import java.util.Objects;

/**
 * Holds one client manager per session (or one shared manager in local mode), creates it lazily,
 * pins it while leased and closes it when the session ends. Thread-safe.
 *
 * <p>Acquiring an existing session costs a hash lookup and two atomic updates; it never reads a
 * clock, takes a lock or does expiry work. Expiry runs on a background sweeper whose cost is
 * proportional to the sessions whose deadline came due. Removed managers are closed on a bounded
 * executor; a {@code close()} that throws or hangs past {@link StoreConfig#disposeTimeout()} is
 * logged, counted in {@link #stats()} and blocks nothing else.
 *
 * @param <M> the manager type
 */
public interface ClientManagerStore<M extends AutoCloseable> extends AutoCloseable {

  /**
   * Leases the session's manager, creating it with the factory on first use. Concurrent first
   * acquires of one session create exactly one manager; the others wait for it.
   *
   * <p>The principal is recorded when the session is created and counts against {@link
   * StoreConfig#maxSessionsPerPrincipal()}. Creating a session in a full store evicts the least
   * recently used idle session ({@link RemovalCause#CAPACITY}); a principal at its maximum loses
   * its least recently used idle session ({@link RemovalCause#PRINCIPAL_LIMIT}). When every
   * candidate is leased, the new session is refused: leases are never broken to make room.
   *
   * @param session the session
   * @param principal its user, or null for an anonymous session (no per-principal limit)
   * @return an open lease; close it when the request or stream ends
   * @throws NullPointerException if session is null, or if the factory returned null
   * @throws IllegalArgumentException if the session exists and belongs to a different principal
   * @throws StoreFullException if the session is new and no session can be evicted for it
   * @throws ManagerCreationException if the factory threw; nothing was cached
   * @throws IllegalStateException if the store is closed
   */
  Lease<M> acquire(SessionId session, Principal principal);

  /**
   * Leases the session's manager for an anonymous session; see {@link #acquire(SessionId,
   * Principal)}.
   *
   * @param session the session
   * @return an open lease
   * @throws NullPointerException if session is null, or if the factory returned null
   * @throws StoreFullException if the session is new and no session can be evicted for it
   * @throws ManagerCreationException if the factory threw; nothing was cached
   * @throws IllegalStateException if the store is closed
   */
  default Lease<M> acquire(SessionId session) {
    return acquire(session, null);
  }

  /**
   * Removes the session now ({@link RemovalCause#INVALIDATED}), even if leased, and closes its
   * manager. Removal listeners have run when this returns; the close may still be running.
   *
   * @param session the session
   * @return true if a manager was removed
   * @throws NullPointerException if session is null
   */
  boolean invalidate(SessionId session);

  /**
   * Tells whether a manager exists for the session now. No side effects: it does not create a
   * manager or count as a use.
   *
   * @param session the session
   * @return true if the session has a manager
   * @throws NullPointerException if session is null
   */
  boolean isActive(SessionId session);

  /**
   * Tells whether a session currently holds at least one lease (an in-flight request or an open
   * stream). No side effects; never creates anything.
   *
   * @param session the session
   * @return true when the session exists and is leased
   */
  boolean isLeased(SessionId session);

  /**
   * Adds a listener told about every later removal.
   *
   * @param listener the listener
   * @throws NullPointerException if listener is null
   */
  void addRemovalListener(RemovalListener listener);

  /**
   * The store's figures now.
   *
   * @return a snapshot; costs O(live sessions) for the lease figures
   */
  StoreStats stats();

  /**
   * Removes every session ({@link RemovalCause#SHUTDOWN}), closes every manager waiting at most
   * {@link StoreConfig#disposeTimeout()} in total, and stops the store's own threads. Idempotent.
   * Later acquires throw {@link IllegalStateException}.
   */
  @Override
  void close();

  /**
   * A store for local mode: every acquire, whatever the session, leases one shared manager, created
   * on first use, and {@link Lease#session()} is {@link SessionId#LOCAL}. The shared manager never
   * expires; {@link #invalidate} of any session removes it (the next acquire creates a new one) and
   * {@link #isActive} of any session tells whether it exists.
   *
   * @param factory creates the shared manager; it is called with {@link SessionId#LOCAL}
   * @param <M> the manager type
   * @return a new store
   * @throws NullPointerException if factory is null
   */
  static <M extends AutoCloseable> ClientManagerStore<M> singleton(ManagerFactory<M> factory) {
    return new SingletonStore<>(
        Objects.requireNonNull(factory, "factory must not be null"),
        StoreConfig.DEFAULT_DISPOSE_TIMEOUT);
  }

  /**
   * A store for hosted mode: one manager per session, with the idle timeout, lifetime and limits of
   * the config. Starts the background sweeper.
   *
   * @param config the settings
   * @param factory creates a session's manager
   * @param <M> the manager type
   * @return a new store
   * @throws NullPointerException if an argument is null
   */
  static <M extends AutoCloseable> ClientManagerStore<M> perSession(
      StoreConfig config, ManagerFactory<M> factory) {
    return PerSessionStore.start(config, factory);
  }
}
