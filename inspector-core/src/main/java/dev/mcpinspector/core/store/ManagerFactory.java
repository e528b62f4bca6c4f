package dev.mcpinspector.core.store;

import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;

/**
 * Creates the client manager of a session on its first {@link ClientManagerStore#acquire}.
 *
 * <p>Called on the acquiring thread, at most once at a time per session, and never while the store
 * holds a lock. If it throws, the caller of {@code acquire} gets a {@link ManagerCreationException}
 * and nothing is cached; a later acquire calls it again. It must not return null.
 *
 * @param <M> the manager type
 */
@FunctionalInterface
public interface ManagerFactory<M extends AutoCloseable> {

  /**
   * Creates a manager.
   *
   * @param session the session the manager will serve ({@link SessionId#LOCAL} in singleton mode)
   * @param principal the user the session belongs to, or null for an anonymous session
   * @return a new manager; never null
   * @throws Exception when the manager cannot be created
   */
  M create(SessionId session, Principal principal) throws Exception;
}
