package dev.mcpinspector.mcp.oauth;

import dev.mcpinspector.core.session.SessionId;
import java.util.Optional;

/**
 * Where OAuth grants live, per (session, server). The in-memory store of {@link #inMemory()} is the
 * default; a persistent store (per principal, encrypted at rest) plugs in here. Implementations are
 * thread-safe.
 */
public interface TokenStore {

  /**
   * A store in process memory; grants are lost on restart.
   *
   * @return a new empty store
   */
  static TokenStore inMemory() {
    return new InMemoryTokenStore();
  }

  /**
   * The grant of a key.
   *
   * @param key whose
   * @return the grant, or empty
   */
  Optional<StoredGrant> get(TokenKey key);

  /**
   * Stores or replaces the grant of a key.
   *
   * @param key whose
   * @param grant the grant
   */
  void put(TokenKey key, StoredGrant grant);

  /**
   * Removes the grant of a key, if any.
   *
   * @param key whose
   */
  void remove(TokenKey key);

  /**
   * Removes every grant of a session scope.
   *
   * @param scope the session scope
   */
  void removeScope(SessionId scope);

  /**
   * How many grants are held.
   *
   * @return the count
   */
  int size();
}
