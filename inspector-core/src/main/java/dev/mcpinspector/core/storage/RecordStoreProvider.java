package dev.mcpinspector.core.storage;

/**
 * A storage back end other modules contribute, found with {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/dev.mcpinspector.core.storage.RecordStoreProvider} entry): {@code
 * inspector-storage-embedded} provides {@code embedded}, {@code inspector-redis} provides {@code
 * redis}.
 */
public interface RecordStoreProvider {

  /**
   * The {@link StorageConfig.Kind} this provider serves.
   *
   * @return the kind
   */
  StorageConfig.Kind kind();

  /**
   * Opens the back end; fails rather than start half-way.
   *
   * @param config the storage settings
   * @return the open store
   * @throws StorageUnavailableException if the back end cannot be reached, naming where (for Redis
   *     the URL without credentials)
   * @throws IllegalArgumentException if a setting is unusable, naming the option
   */
  RecordStore open(StorageConfig config);

  /**
   * The encryption keys to use when {@code INSPECTOR_ENCRYPTION_KEYS} and {@code
   * INSPECTOR_SIGNING_KEYS} are both unset. The default refuses, naming the option; the embedded
   * store keeps a generated key file in its data directory instead.
   *
   * @param config the storage settings
   * @return the keys
   * @throws IllegalArgumentException if this back end needs configured keys
   */
  default EncryptionKeys defaultKeys(StorageConfig config) {
    throw new IllegalArgumentException(
        StorageConfig.ENCRYPTION_KEYS
            + " must be set for INSPECTOR_STORAGE="
            + kind().wireName()
            + " (every node must share it); generate a key with `openssl rand -base64 32`");
  }
}
