package dev.mcpinspector.core.storage;

import java.util.Objects;

/**
 * One record of a {@link RecordStore}: its key within (collection, owner) and its opaque bytes. The
 * array is the caller's to keep; stores copy what they are given and hand out copies.
 *
 * @param owner the owner the record belongs to
 * @param key the record's key
 * @param value the bytes
 */
public record StoredRecord(Owner owner, String key, byte[] value) {

  /**
   * Checks the arguments.
   *
   * @param owner see the record description
   * @param key see the record description
   * @param value see the record description
   */
  public StoredRecord {
    Objects.requireNonNull(owner, "owner must not be null");
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(value, "value must not be null");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredRecord r
        && owner.equals(r.owner)
        && key.equals(r.key)
        && java.util.Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(owner, key, java.util.Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "StoredRecord[owner=" + owner.value() + ", key=" + key + ", " + value.length + " bytes]";
  }
}
