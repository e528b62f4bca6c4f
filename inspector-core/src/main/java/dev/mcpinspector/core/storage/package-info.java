/**
 * State that outlives a session: the storage SPI and saved servers.
 *
 * <p>Two layers. {@link dev.mcpinspector.core.storage.RecordStore} is the small SPI a storage back
 * end implements: opaque byte records per (collection, owner, key), with an atomic replace-all and
 * a compare-and-set. The in-memory one lives here ({@link
 * dev.mcpinspector.core.storage.RecordStore#inMemory()}); the embedded file database and Redis live
 * in their own modules and are found through {@link
 * dev.mcpinspector.core.storage.RecordStoreProvider} ({@code java.util.ServiceLoader}).
 *
 * <p>{@link dev.mcpinspector.core.storage.SavedServerStore} is written once over any record store:
 * it serialises {@link dev.mcpinspector.core.storage.SavedServer}s and seals their headers and
 * OAuth tokens with AES-GCM under {@link dev.mcpinspector.core.storage.EncryptionKeys} (the first
 * key encrypts, every key decrypts, {@link
 * dev.mcpinspector.core.storage.SavedServerStore#reencrypt()} moves records to the first key). A
 * record that is corrupt, tampered with, or sealed under a key that is not configured is skipped
 * and reported ({@link dev.mcpinspector.core.storage.SkippedRecord}), never decrypted with another
 * key and never shown.
 *
 * <p>{@link dev.mcpinspector.core.storage.Storage#open(StorageConfig)} picks the back end from
 * {@link dev.mcpinspector.core.storage.StorageConfig} ({@code INSPECTOR_STORAGE}).
 */
package dev.mcpinspector.core.storage;
