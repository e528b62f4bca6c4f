package dev.mcpinspector.core.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Saved servers per {@link Owner}, over any {@link RecordStore}, with their secrets (headers, env,
 * OAuth tokens) sealed by {@link EncryptionKeys}. Records are bound to their owner and id: a record
 * copied to another owner or id, edited, truncated or sealed under a key that is not configured is
 * skipped and reported ({@link Listing#skipped()}, and a warning in the log), never returned.
 *
 * <p>Thread-safe. Every method may throw {@link StorageUnavailableException}; the operation then
 * had no effect.
 */
public interface SavedServerStore {

  /** The record collection saved servers live in. */
  String COLLECTION = "saved-servers";

  /** The most saved servers one owner may have. */
  int MAX_PER_OWNER = 1000;

  /**
   * A saved-server store over a record store.
   *
   * @param records where the sealed records go
   * @param keys the encryption keys
   * @return the store
   */
  static SavedServerStore create(RecordStore records, EncryptionKeys keys) {
    return new SealedSavedServerStore(
        Objects.requireNonNull(records, "records must not be null"),
        Objects.requireNonNull(keys, "keys must not be null"));
  }

  /**
   * An owner's saved servers, by id, and the records that were skipped.
   *
   * @param owner the owner
   * @return the listing
   */
  Listing list(Owner owner);

  /**
   * One saved server.
   *
   * @param owner the owner
   * @param id the server id
   * @return the server, or empty when there is none or its record was skipped
   */
  Optional<SavedServer> get(Owner owner, String id);

  /**
   * Saves a server, replacing one with the same id.
   *
   * @param owner the owner
   * @param server the server
   * @return true if the id was new
   * @throws IllegalStateException if the owner already has {@value #MAX_PER_OWNER} servers and the
   *     id is new
   */
  boolean put(Owner owner, SavedServer server);

  /**
   * Forgets a saved server.
   *
   * @param owner the owner
   * @param id the server id
   * @return true if it existed
   */
  boolean delete(Owner owner, String id);

  /**
   * Replaces all of an owner's saved servers at once (an import): afterwards the owner has exactly
   * {@code servers}; on failure, exactly what it had.
   *
   * @param owner the owner
   * @param servers the servers, unique ids, at most {@value #MAX_PER_OWNER}
   * @throws IllegalArgumentException naming a duplicate id or the count
   */
  void replaceAll(Owner owner, List<SavedServer> servers);

  /**
   * Stores the OAuth token state of a saved server (the OAuth code's opaque text), keeping
   * everything else of the record.
   *
   * @param owner the owner
   * @param id the server id
   * @param tokens the token state, or null to forget it
   * @return false if the owner has no such saved server (nothing is stored)
   */
  boolean putOauthTokens(Owner owner, String id, String tokens);

  /**
   * The OAuth token state of a saved server.
   *
   * @param owner the owner
   * @param id the server id
   * @return the state, or empty
   */
  Optional<String> oauthTokens(Owner owner, String id);

  /**
   * Re-seals, under the first key, every record of every owner sealed under another configured key.
   * Records written concurrently are not overwritten (compare-and-set); records that cannot be
   * opened are left as they are and counted.
   *
   * @return what was done
   */
  Rotation reencrypt();

  /**
   * A listing.
   *
   * @param servers the servers, by ascending id
   * @param skipped the records not returned, by key
   */
  record Listing(List<SavedServer> servers, List<SkippedRecord> skipped) {
    /**
     * Copies the lists.
     *
     * @param servers see the record description
     * @param skipped see the record description
     */
    public Listing {
      servers = List.copyOf(servers);
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * What {@link #reencrypt()} did.
   *
   * @param reencrypted records moved to the first key
   * @param current records already under it
   * @param skipped records that cannot be opened (corrupt or under an unknown key)
   */
  record Rotation(int reencrypted, int current, int skipped) {}
}
