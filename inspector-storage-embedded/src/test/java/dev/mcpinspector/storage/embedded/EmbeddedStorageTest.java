package dev.mcpinspector.storage.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.storage.Owner;
import dev.mcpinspector.core.storage.RecordStore;
import dev.mcpinspector.core.storage.SavedServer;
import dev.mcpinspector.core.storage.Storage;
import dev.mcpinspector.core.storage.StorageConfig;
import dev.mcpinspector.core.storage.StorageContract;
import dev.mcpinspector.core.storage.StorageUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract over a real H2 file database in a temporary directory. */
class EmbeddedStorageTest extends StorageContract {

  @TempDir Path dir;

  @Override
  protected RecordStore openEmptyStore() throws Exception {
    return EmbeddedRecordStore.open(Files.createTempDirectory(dir, "db"));
  }

  @Test
  void savedServers_surviveARestart_withTheGeneratedKeyFile() throws IOException {
    Path data = dir.resolve("data");
    StorageConfig config = StorageConfig.from(Map.of("INSPECTOR_DATA_DIR", data.toString())::get);
    SavedServer s =
        new SavedServer(
            "demo",
            "streamable-http",
            "http://localhost:3001/mcp",
            null,
            null,
            null,
            null,
            Map.of("Authorization", "Bearer x"),
            null,
            null,
            Instant.parse("2026-12-01T00:00:00Z"));
    try (Storage storage = Storage.open(config)) {
      assertEquals(StorageConfig.Kind.EMBEDDED, storage.kind());
      storage.savedServers().put(Owner.local(), s);
    }
    Path keyFile = data.resolve(EmbeddedStoreProvider.KEY_FILE);
    assertTrue(Files.exists(keyFile));
    assertTrue(Files.exists(data.resolve("inspector.mv.db")));
    String key = Files.readString(keyFile);
    try (Storage storage = Storage.open(config)) {
      assertEquals(List.of(s), storage.savedServers().list(Owner.local()).servers());
    }
    assertEquals(key, Files.readString(keyFile), "the key file is reused, not regenerated");
  }

  @Test
  void unsetStorage_withThisModulePresent_isEmbedded() {
    Path data = dir.resolve("default");
    try (Storage storage =
        Storage.open(StorageConfig.from(Map.of("INSPECTOR_DATA_DIR", data.toString())::get))) {
      assertEquals(StorageConfig.Kind.EMBEDDED, storage.kind());
      assertEquals("embedded " + data.toAbsolutePath(), storage.records().describe());
    }
  }

  @Test
  void anUnusableDirectory_failsNamingTheDirectoryAndOption() throws IOException {
    Path file = dir.resolve("not-a-dir");
    Files.writeString(file, "x");
    StorageUnavailableException e =
        assertThrows(StorageUnavailableException.class, () -> EmbeddedRecordStore.open(file));
    assertTrue(
        e.getMessage().startsWith("cannot create the data directory " + file), e.getMessage());
    assertTrue(e.getMessage().contains("(INSPECTOR_DATA_DIR)"), e.getMessage());
  }
}
