package dev.mcpinspector.storage.embedded;

import dev.mcpinspector.core.storage.EncryptionKeys;
import dev.mcpinspector.core.storage.RecordStore;
import dev.mcpinspector.core.storage.RecordStoreProvider;
import dev.mcpinspector.core.storage.StorageConfig;
import dev.mcpinspector.core.storage.StorageUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code INSPECTOR_STORAGE=embedded}: {@link EmbeddedRecordStore} under {@code INSPECTOR_DATA_DIR}.
 * Without configured keys it keeps a generated key in {@code encryption.key} (owner-only
 * permissions where the file system has them) next to the database, so a local install needs no
 * setup and its secrets survive restarts. Public for {@link java.util.ServiceLoader} only.
 */
public final class EmbeddedStoreProvider implements RecordStoreProvider {

  /** The name of the generated key file in the data directory. */
  public static final String KEY_FILE = "encryption.key";

  /** Creates the provider (for {@link java.util.ServiceLoader}). */
  public EmbeddedStoreProvider() {}

  @Override
  public StorageConfig.Kind kind() {
    return StorageConfig.Kind.EMBEDDED;
  }

  @Override
  public RecordStore open(StorageConfig config) {
    return EmbeddedRecordStore.open(config.dataDir());
  }

  @Override
  public EncryptionKeys defaultKeys(StorageConfig config) {
    Path file = config.dataDir().toAbsolutePath().normalize().resolve(KEY_FILE);
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        byte[] key = new byte[EncryptionKeys.MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] text = Base64.getEncoder().encode(key);
        try {
          if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          } else {
            Files.createFile(file);
          }
          Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
          // Another start created it first; read theirs.
        }
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return EncryptionKeys.parse(file.toString(), text);
    } catch (IOException e) {
      throw new StorageUnavailableException(
          "cannot read or create the key file "
              + file
              + "; set INSPECTOR_ENCRYPTION_KEYS or make INSPECTOR_DATA_DIR writable: "
              + e.getMessage(),
          e);
    }
  }
}
