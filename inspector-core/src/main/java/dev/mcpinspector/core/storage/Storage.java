package dev.mcpinspector.core.storage;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The open storage of a process: the record store chosen by {@link StorageConfig} and the saved
 * servers over it. Thread-safe; {@link #close()} closes the back end.
 */
public final class Storage implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Storage.class.getName());

  private final StorageConfig.Kind kind;
  private final RecordStore records;
  private final SavedServerStore savedServers;

  private Storage(StorageConfig.Kind kind, RecordStore records, EncryptionKeys keys) {
    this.kind = kind;
    this.records = records;
    this.savedServers = SavedServerStore.create(records, keys);
  }

  /**
   * Opens the configured back end. Memory is built in; the others come from a {@link
   * RecordStoreProvider} on the class path. When {@value StorageConfig#STORAGE} was not set and
   * {@code inspector-storage-embedded} is missing, memory is used and a warning logged.
   *
   * @param config the settings
   * @return the open storage
   * @throws IllegalArgumentException if the back end's module is missing or a setting is unusable
   * @throws StorageUnavailableException if the back end cannot be reached (nothing stays open)
   */
  public static Storage open(StorageConfig config) {
    Objects.requireNonNull(config, "config must not be null");
    if (config.kind() == StorageConfig.Kind.MEMORY) {
      EncryptionKeys keys =
          config.encryptionKeys() != null ? config.encryptionKeys() : EncryptionKeys.random();
      return new Storage(StorageConfig.Kind.MEMORY, RecordStore.inMemory(), keys);
    }
    RecordStoreProvider provider = provider(config.kind());
    if (provider == null) {
      if (!config.kindExplicit()) {
        LOG.log(
            Level.WARNING,
            "inspector-storage-embedded is not on the class path and {0} is unset: saved servers"
                + " are kept in memory only and lost when the process stops",
            StorageConfig.STORAGE);
        return open(StorageConfig.builder().kind(StorageConfig.Kind.MEMORY).build());
      }
      throw new IllegalArgumentException(
          StorageConfig.STORAGE
              + "="
              + config.kind().wireName()
              + " needs the module inspector-"
              + (config.kind() == StorageConfig.Kind.REDIS ? "redis" : "storage-embedded")
              + " on the class path");
    }
    EncryptionKeys keys =
        config.encryptionKeys() != null ? config.encryptionKeys() : provider.defaultKeys(config);
    RecordStore records = provider.open(config);
    LOG.log(
        Level.INFO,
        "storage: {0}, secrets sealed under key {1}",
        records.describe(),
        keys.primaryKeyId());
    return new Storage(config.kind(), records, keys);
  }

  /**
   * Wraps a record store the caller opened (tests, embedding applications).
   *
   * @param kind what it is
   * @param records the store; closed with this storage
   * @param keys the encryption keys
   * @return the storage
   */
  public static Storage of(StorageConfig.Kind kind, RecordStore records, EncryptionKeys keys) {
    return new Storage(
        Objects.requireNonNull(kind, "kind must not be null"),
        Objects.requireNonNull(records, "records must not be null"),
        Objects.requireNonNull(keys, "keys must not be null"));
  }

  private static RecordStoreProvider provider(StorageConfig.Kind kind) {
    for (RecordStoreProvider p : ServiceLoader.load(RecordStoreProvider.class)) {
      if (p.kind() == kind) {
        return p;
      }
    }
    return null;
  }

  /**
   * The back end in use.
   *
   * @return the kind
   */
  public StorageConfig.Kind kind() {
    return kind;
  }

  /**
   * The record store.
   *
   * @return the store
   */
  public RecordStore records() {
    return records;
  }

  /**
   * The saved servers.
   *
   * @return the store
   */
  public SavedServerStore savedServers() {
    return savedServers;
  }

  /** Closes the back end. */
  @Override
  public void close() {
    records.close();
  }
}
