package dev.mcpinspector.benchmarks.events;

import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.SessionId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Baseline: a Java port of the reference design's RPC log. One list per server id shared by all
 * sessions, every listener called for every event of every tenant (each filters by session itself),
 * reads filtering the whole list by session. The reference never trimmed; this port trims the
 * oldest entry once a list holds {@code maxPerServerId} events, with an O(1) deque, which is kinder
 * to the baseline than the reference's array.
 */
public final class ReferenceRpcLog {

  /**
   * One event as the reference stored it.
   *
   * @param session the owning session
   * @param serverId the server id
   * @param direction the direction
   * @param timestamp epoch millis
   * @param message the JSON text
   */
  public record Event(
      SessionId session, String serverId, Direction direction, long timestamp, String message) {}

  private final Map<String, Deque<Event>> logs = new ConcurrentHashMap<>();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final int maxPerServerId;

  /**
   * Creates an empty log.
   *
   * @param maxPerServerId how many events one server id's shared list keeps
   */
  public ReferenceRpcLog(int maxPerServerId) {
    this.maxPerServerId = maxPerServerId;
  }

  /**
   * Records and broadcasts an event.
   *
   * @param session the session
   * @param serverId the server
   * @param direction the direction
   * @param json the message
   */
  public void publish(SessionId session, String serverId, Direction direction, String json) {
    Event event = new Event(session, serverId, direction, System.currentTimeMillis(), json);
    Deque<Event> log = logs.computeIfAbsent(serverId, k -> new ArrayDeque<>());
    synchronized (log) {
      log.addLast(event);
      if (log.size() > maxPerServerId) {
        log.pollFirst();
      }
    }
    for (Consumer<Event> listener : listeners) {
      listener.accept(event);
    }
  }

  /**
   * Adds a listener that sees every event of every session.
   *
   * @param listener the listener
   */
  public void addListener(Consumer<Event> listener) {
    listeners.add(listener);
  }

  /**
   * The newest events of one session: filters every server's whole list.
   *
   * @param session the session
   * @param limit how many
   * @return the events, oldest first (per server, then concatenated and sorted by time)
   */
  public List<Event> snapshot(SessionId session, int limit) {
    List<Event> mine = new ArrayList<>();
    for (Deque<Event> log : logs.values()) {
      synchronized (log) {
        for (Event event : log) {
          if (event.session().equals(session)) {
            mine.add(event);
          }
        }
      }
    }
    mine.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
    return mine.subList(Math.max(0, mine.size() - limit), mine.size());
  }
}
