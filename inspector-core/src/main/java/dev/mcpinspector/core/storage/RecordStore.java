package dev.mcpinspector.core.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The storage SPI: opaque byte records addressed by (collection, owner, key). A back end stores
 * bytes and knows nothing of what they mean; encryption and serialisation are done once, above it
 * ({@link SavedServerStore}). Implementations: {@link #inMemory()} here, the embedded file database
 * ({@code inspector-storage-embedded}) and Redis ({@code inspector-redis}); one contract suite runs
 * over all of them.
 *
 * <p>Every method is atomic: a reader sees a record either before or after a write, never half of
 * it, and {@link #replaceAll} replaces an owner's whole collection at once. Keys are listed in
 * ascending order (by {@link String#compareTo}). Arrays passed in are copied; arrays returned are
 * the caller's.
 *
 * <p>Implementations are thread-safe. Every method may throw {@link StorageUnavailableException}
 * when the back end cannot be reached; the operation then had no effect.
 */
public interface RecordStore extends AutoCloseable {

  /** The longest collection name or key accepted, in characters. */
  int MAX_KEY_LENGTH = 256;

  /**
   * Reads one record.
   *
   * @param collection the collection, e.g. {@code saved-servers}
   * @param owner the owner
   * @param key the key
   * @return its bytes, or empty
   * @throws StorageUnavailableException if the back end failed
   */
  Optional<byte[]> get(String collection, Owner owner, String key);

  /**
   * Lists an owner's records of a collection, by ascending key.
   *
   * @param collection the collection
   * @param owner the owner
   * @return the records, maybe empty, never null
   * @throws StorageUnavailableException if the back end failed
   */
  List<StoredRecord> list(String collection, Owner owner);

  /**
   * Writes one record, replacing any with the same key.
   *
   * @param collection the collection
   * @param owner the owner
   * @param key the key
   * @param value the bytes
   * @return true if the key was new, false if a record was replaced
   * @throws StorageUnavailableException if the back end failed
   */
  boolean put(String collection, Owner owner, String key, byte[] value);

  /**
   * Replaces a record only if it still holds exactly {@code expected}.
   *
   * @param collection the collection
   * @param owner the owner
   * @param key the key
   * @param expected the bytes the record must hold now
   * @param value the new bytes
   * @return true if it was replaced; false if the record is gone or holds other bytes
   * @throws StorageUnavailableException if the back end failed
   */
  boolean compareAndSet(String collection, Owner owner, String key, byte[] expected, byte[] value);

  /**
   * Deletes one record.
   *
   * @param collection the collection
   * @param owner the owner
   * @param key the key
   * @return true if it existed
   * @throws StorageUnavailableException if the back end failed
   */
  boolean delete(String collection, Owner owner, String key);

  /**
   * Replaces all of an owner's records of a collection with {@code records}, atomically: a reader
   * sees the old set or the new one, and a failure leaves the old set.
   *
   * @param collection the collection
   * @param owner the owner
   * @param records the new records by key; may be empty (deletes them all)
   * @throws StorageUnavailableException if the back end failed
   */
  void replaceAll(String collection, Owner owner, Map<String, byte[]> records);

  /**
   * Visits every record of a collection, of every owner (for key rotation). Records written while
   * the scan runs may or may not be visited; none is visited twice.
   *
   * @param collection the collection
   * @param visitor called once per record
   * @throws StorageUnavailableException if the back end failed
   */
  void scan(String collection, Consumer<StoredRecord> visitor);

  /**
   * Says what this store is, for logs and {@code /api/admin/stats}: e.g. {@code memory}, {@code
   * embedded /var/lib/inspector}, {@code redis redis://host:6379} (never credentials).
   *
   * @return the description
   */
  String describe();

  /** Releases the back end's connections and files. Idempotent. */
  @Override
  void close();

  /**
   * A store in this process's memory: for tests and ephemeral runs; everything is lost on exit.
   *
   * @return a new, empty store
   */
  static RecordStore inMemory() {
    return new InMemoryRecordStore();
  }

  /**
   * Checks a collection name or key: 1 to {@value #MAX_KEY_LENGTH} characters, no control
   * characters. Implementations call it on every argument.
   *
   * @param what {@code "collection"} or {@code "key"}, for the message
   * @param value the value
   * @return the value
   * @throws IllegalArgumentException naming what and why
   */
  static String checkKey(String what, String value) {
    if (value == null) {
      throw new NullPointerException(what + " must not be null");
    }
    if (value.isEmpty() || value.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          what + " must be 1 to " + MAX_KEY_LENGTH + " characters, but was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(what + " must not contain control characters");
      }
    }
    return value;
  }
}
