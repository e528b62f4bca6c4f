package dev.mcpinspector.core.event;

import dev.mcpinspector.core.session.SessionId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Internal, public only so the three event components can share it: the open sessions of one
 * component and their per-session state. Opening is idempotent; {@link #clear} and {@link #close}
 * remove a session's state and hand it, once, to the component's retire action, which empties it
 * and closes its subscribers ({@link CloseReason#SESSION_CLOSED} or {@link CloseReason#SHUTDOWN}).
 * Thread-safe.
 *
 * @param <S> the component's per-session state
 */
public final class OpenSessions<S> {

  private final String component;
  private final Function<SessionId, S> factory;
  private final BiConsumer<S, CloseReason> retire;
  private final ConcurrentHashMap<SessionId, S> sessions = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Creates an empty table.
   *
   * @param component the component name used in messages, for example {@code "RpcLogBus"}
   * @param factory makes the state of a newly opened session
   * @param retire empties a removed session's state and closes its subscribers
   */
  public OpenSessions(
      String component, Function<SessionId, S> factory, BiConsumer<S, CloseReason> retire) {
    this.component = Objects.requireNonNull(component, "component must not be null");
    this.factory = Objects.requireNonNull(factory, "factory must not be null");
    this.retire = Objects.requireNonNull(retire, "retire must not be null");
  }

  /**
   * Opens a session; a no-op when it is open.
   *
   * @param session the session
   * @throws IllegalStateException after {@link #close()}
   */
  public void open(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    if (closed) {
      throw new IllegalStateException(component + " is closed; no session can be opened");
    }
    sessions.computeIfAbsent(session, factory);
  }

  /**
   * Tells whether a session is open.
   *
   * @param session the session
   * @return true between {@link #open} and {@link #clear}
   */
  public boolean isOpen(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    return sessions.containsKey(session);
  }

  /**
   * The state of an open session.
   *
   * @param session the session
   * @return the state, or null when the session is not open
   */
  public S get(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    return sessions.get(session);
  }

  /**
   * Removes a session and retires its state with {@link CloseReason#SESSION_CLOSED}; a no-op when
   * it is not open.
   *
   * @param session the session
   */
  public void clear(SessionId session) {
    Objects.requireNonNull(session, "session must not be null");
    S state = sessions.remove(session);
    if (state != null) {
      retire.accept(state, CloseReason.SESSION_CLOSED);
    }
  }

  /**
   * Refuses further opens, then removes every session and retires its state with {@link
   * CloseReason#SHUTDOWN}. Idempotent.
   */
  public void close() {
    closed = true;
    for (SessionId id : new ArrayList<>(sessions.keySet())) {
      S state = sessions.remove(id);
      if (state != null) {
        retire.accept(state, CloseReason.SHUTDOWN);
      }
    }
  }

  /**
   * The states of the open sessions.
   *
   * @return a live, weakly consistent view
   */
  public Collection<S> states() {
    return sessions.values();
  }

  /**
   * How many sessions are open.
   *
   * @return the count
   */
  public long count() {
    return sessions.mappingCount();
  }
}
