package dev.mcpinspector.core.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * {@link RecordStore#inMemory()}: one immutable sorted map per (collection, owner), swapped
 * atomically, so {@link #replaceAll} and every read see one consistent set.
 */
final class InMemoryRecordStore implements RecordStore {

  private record Slot(String collection, Owner owner) {}

  private final ConcurrentMap<Slot, java.util.NavigableMap<String, byte[]>> slots =
      new ConcurrentHashMap<>();

  @Override
  public Optional<byte[]> get(String collection, Owner owner, String key) {
    RecordStore.checkKey("key", key);
    var records = slots.get(slot(collection, owner));
    byte[] v = records == null ? null : records.get(key);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  @Override
  public List<StoredRecord> list(String collection, Owner owner) {
    var records = slots.get(slot(collection, owner));
    if (records == null) {
      return List.of();
    }
    List<StoredRecord> out = new ArrayList<>(records.size());
    records.forEach((k, v) -> out.add(new StoredRecord(owner, k, v.clone())));
    return out;
  }

  @Override
  public boolean put(String collection, Owner owner, String key, byte[] value) {
    RecordStore.checkKey("key", key);
    byte[] copy = value.clone();
    boolean[] created = new boolean[1];
    slots.compute(
        slot(collection, owner),
        (s, old) -> {
          var next =
              old == null ? new java.util.TreeMap<String, byte[]>() : new java.util.TreeMap<>(old);
          created[0] = next.put(key, copy) == null;
          return java.util.Collections.unmodifiableNavigableMap(next);
        });
    return created[0];
  }

  @Override
  public boolean compareAndSet(
      String collection, Owner owner, String key, byte[] expected, byte[] value) {
    RecordStore.checkKey("key", key);
    Objects.requireNonNull(expected, "expected must not be null");
    byte[] copy = value.clone();
    boolean[] done = new boolean[1];
    slots.computeIfPresent(
        slot(collection, owner),
        (s, old) -> {
          byte[] current = old.get(key);
          if (current == null || !Arrays.equals(current, expected)) {
            return old;
          }
          var next = new java.util.TreeMap<>(old);
          next.put(key, copy);
          done[0] = true;
          return java.util.Collections.unmodifiableNavigableMap(next);
        });
    return done[0];
  }

  @Override
  public boolean delete(String collection, Owner owner, String key) {
    RecordStore.checkKey("key", key);
    boolean[] removed = new boolean[1];
    slots.computeIfPresent(
        slot(collection, owner),
        (s, old) -> {
          if (!old.containsKey(key)) {
            return old;
          }
          var next = new java.util.TreeMap<>(old);
          next.remove(key);
          removed[0] = true;
          return next.isEmpty() ? null : java.util.Collections.unmodifiableNavigableMap(next);
        });
    return removed[0];
  }

  @Override
  public void replaceAll(String collection, Owner owner, Map<String, byte[]> records) {
    var next = new java.util.TreeMap<String, byte[]>();
    records.forEach((k, v) -> next.put(RecordStore.checkKey("key", k), v.clone()));
    Slot slot = slot(collection, owner);
    if (next.isEmpty()) {
      slots.remove(slot);
    } else {
      slots.put(slot, java.util.Collections.unmodifiableNavigableMap(next));
    }
  }

  @Override
  public void scan(String collection, Consumer<StoredRecord> visitor) {
    RecordStore.checkKey("collection", collection);
    for (var e : slots.entrySet()) {
      if (e.getKey().collection().equals(collection)) {
        e.getValue()
            .forEach((k, v) -> visitor.accept(new StoredRecord(e.getKey().owner(), k, v.clone())));
      }
    }
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {
    // Nothing to release; the records stay readable until the store is unreachable.
  }

  private static Slot slot(String collection, Owner owner) {
    return new Slot(
        RecordStore.checkKey("collection", collection),
        Objects.requireNonNull(owner, "owner must not be null"));
  }
}
