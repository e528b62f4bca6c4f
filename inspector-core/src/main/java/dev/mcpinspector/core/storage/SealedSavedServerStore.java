package dev.mcpinspector.core.storage;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link SavedServerStore#create}: codec and sealing over a {@link RecordStore}. */
final class SealedSavedServerStore implements SavedServerStore {

  private static final System.Logger LOG = System.getLogger(SavedServerStore.class.getName());
  private static final int MAX_CAS_ATTEMPTS = 8;

  private final RecordStore records;
  private final EncryptionKeys keys;

  SealedSavedServerStore(RecordStore records, EncryptionKeys keys) {
    this.records = records;
    this.keys = keys;
  }

  @Override
  public Listing list(Owner owner) {
    List<SavedServer> servers = new ArrayList<>();
    List<SkippedRecord> skipped = new ArrayList<>();
    for (StoredRecord r : records.list(COLLECTION, owner)) {
      try {
        servers.add(SavedServerCodec.decode(owner, r.key(), r.value(), keys));
      } catch (EncryptionKeys.SealException e) {
        skipped.add(report(r.key(), e));
      }
    }
    return new Listing(servers, skipped);
  }

  @Override
  public Optional<SavedServer> get(Owner owner, String id) {
    return records.get(COLLECTION, owner, id).flatMap(bytes -> open(owner, id, bytes));
  }

  @Override
  public boolean put(Owner owner, SavedServer server) {
    byte[] bytes = SavedServerCodec.encode(owner, server, keys);
    if (records.get(COLLECTION, owner, server.id()).isEmpty()
        && records.list(COLLECTION, owner).size() >= MAX_PER_OWNER) {
      throw new IllegalStateException(
          "an owner may save at most " + MAX_PER_OWNER + " servers; delete one first");
    }
    return records.put(COLLECTION, owner, server.id(), bytes);
  }

  @Override
  public boolean delete(Owner owner, String id) {
    return records.delete(COLLECTION, owner, id);
  }

  @Override
  public void replaceAll(Owner owner, List<SavedServer> servers) {
    if (servers.size() > MAX_PER_OWNER) {
      throw new IllegalArgumentException(
          "an owner may save at most " + MAX_PER_OWNER + " servers, but got " + servers.size());
    }
    Set<String> ids = new HashSet<>();
    Map<String, byte[]> encoded = new LinkedHashMap<>();
    for (SavedServer s : servers) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("duplicate saved server id '" + s.id() + "'");
      }
      encoded.put(s.id(), SavedServerCodec.encode(owner, s, keys));
    }
    records.replaceAll(COLLECTION, owner, encoded);
  }

  @Override
  public boolean putOauthTokens(Owner owner, String id, String tokens) {
    for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
      Optional<byte[]> current = records.get(COLLECTION, owner, id);
      if (current.isEmpty()) {
        return false;
      }
      Optional<SavedServer> server = open(owner, id, current.get());
      if (server.isEmpty()) {
        return false;
      }
      byte[] next = SavedServerCodec.encode(owner, server.get().withOauthTokens(tokens), keys);
      if (records.compareAndSet(COLLECTION, owner, id, current.get(), next)) {
        return true;
      }
    }
    throw new StorageUnavailableException(
        "saved server '" + id + "' kept changing while its OAuth tokens were stored; try again",
        null);
  }

  @Override
  public Optional<String> oauthTokens(Owner owner, String id) {
    return get(owner, id).map(SavedServer::oauthTokens);
  }

  @Override
  public Rotation reencrypt() {
    AtomicInteger moved = new AtomicInteger();
    AtomicInteger current = new AtomicInteger();
    AtomicInteger skipped = new AtomicInteger();
    records.scan(
        COLLECTION,
        r -> {
          if (SavedServerCodec.sealedUnderPrimary(r.value(), keys)) {
            current.incrementAndGet();
            return;
          }
          SavedServer s;
          try {
            s = SavedServerCodec.decode(r.owner(), r.key(), r.value(), keys);
          } catch (EncryptionKeys.SealException e) {
            report(r.key(), e);
            skipped.incrementAndGet();
            return;
          }
          byte[] next = SavedServerCodec.encode(r.owner(), s, keys);
          // A concurrent save already wrote under the first key; leave it.
          if (records.compareAndSet(COLLECTION, r.owner(), r.key(), r.value(), next)) {
            moved.incrementAndGet();
          } else {
            current.incrementAndGet();
          }
        });
    Rotation result = new Rotation(moved.get(), current.get(), skipped.get());
    LOG.log(
        Level.INFO,
        "saved servers re-encrypted under key {0}: {1} moved, {2} already current, {3} skipped",
        keys.primaryKeyId(),
        result.reencrypted(),
        result.current(),
        result.skipped());
    return result;
  }

  private Optional<SavedServer> open(Owner owner, String id, byte[] bytes) {
    try {
      return Optional.of(SavedServerCodec.decode(owner, id, bytes, keys));
    } catch (EncryptionKeys.SealException e) {
      report(id, e);
      return Optional.empty();
    }
  }

  private SkippedRecord report(String key, EncryptionKeys.SealException e) {
    LOG.log(
        Level.WARNING,
        "saved server record ''{0}'' skipped ({1}): {2}",
        key,
        e.reason(),
        e.getMessage());
    return new SkippedRecord(key, e.reason(), e.getMessage());
  }
}
