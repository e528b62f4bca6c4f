package dev.mcpinspector.mcp.oauth;

import dev.mcpinspector.core.session.SessionId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link TokenStore#inMemory()}: a concurrent map. */
final class InMemoryTokenStore implements TokenStore {

  private final ConcurrentHashMap<TokenKey, StoredGrant> grants = new ConcurrentHashMap<>();

  @Override
  public Optional<StoredGrant> get(TokenKey key) {
    return Optional.ofNullable(grants.get(Objects.requireNonNull(key, "key must not be null")));
  }

  @Override
  public void put(TokenKey key, StoredGrant grant) {
    grants.put(
        Objects.requireNonNull(key, "key must not be null"),
        Objects.requireNonNull(grant, "grant must not be null"));
  }

  @Override
  public void remove(TokenKey key) {
    grants.remove(key);
  }

  @Override
  public void removeScope(SessionId scope) {
    grants.keySet().removeIf(k -> k.scope().equals(scope));
  }

  @Override
  public int size() {
    return grants.size();
  }
}
