package dev.mcpinspector.core.store;

import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;

/**
 * Told about every removal of a session's manager, once per removal.
 *
 * <p>Runs on the thread that caused the removal (the sweeper, the acquiring thread for capacity and
 * principal-limit evictions, the caller of {@code invalidate} or {@code close}), after the session
 * is gone from the store and before or while its manager is being closed. Keep it short and
 * non-blocking. An exception it throws is logged and does not stop other listeners.
 */
@FunctionalInterface
public interface RemovalListener {

  /**
   * Handles one removal.
   *
   * @param session the removed session ({@link SessionId#LOCAL} in singleton mode)
   * @param principal the principal the session belonged to, or null if anonymous
   * @param cause why it was removed
   */
  void onRemoval(SessionId session, Principal principal, RemovalCause cause);
}
