package dev.mcpinspector.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  @Test
  void defaults_embeddedUnderTheHomeDirectory_keysLeftToTheBackEnd() {
    StorageConfig c = StorageConfig.from(Map.<String, String>of()::get);
    assertEquals(StorageConfig.Kind.EMBEDDED, c.kind());
    assertFalse(c.kindExplicit());
    assertEquals(StorageConfig.DEFAULT_DATA_DIR, c.dataDir());
    assertEquals(null, c.encryptionKeys());
  }

  @Test
  void from_readsEveryKey_andDerivesKeysFromSigningKeys() {
    StorageConfig c =
        StorageConfig.from(
            Map.of(
                    "INSPECTOR_STORAGE", "Redis",
                    "INSPECTOR_REDIS_URL", "redis://user:pw@127.0.0.1:6390/2",
                    "INSPECTOR_DATA_DIR", "/srv/data",
                    "INSPECTOR_SIGNING_KEYS", KEY)
                ::get);
    assertEquals(StorageConfig.Kind.REDIS, c.kind());
    assertTrue(c.kindExplicit());
    assertEquals(Path.of("/srv/data"), c.dataDir());
    assertNotNull(c.encryptionKeys());
    assertEquals("redis://<masked>@127.0.0.1:6390/2", c.redisUrlForDisplay());
    assertFalse(c.toString().contains("pw"), c.toString());
  }

  @Test
  void badValues_nameTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StorageConfig.from(Map.of("INSPECTOR_STORAGE", "postgres")::get));
    assertEquals(
        "INSPECTOR_STORAGE must be one of memory, embedded, redis, but was 'postgres'",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StorageConfig.from(Map.of("INSPECTOR_STORAGE", "redis")::get));
    assertEquals(
        "INSPECTOR_STORAGE=redis needs INSPECTOR_REDIS_URL (for example redis://127.0.0.1:6379)",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StorageConfig.from(Map.of("INSPECTOR_REDIS_URL", "http://a:b@host")::get));
    assertEquals(
        "INSPECTOR_REDIS_URL must be redis://host:port or rediss://host:port, but was"
            + " 'http://<masked>@host'",
        e.getMessage());
  }

  @Test
  void open_memory_works_andExplicitEmbeddedWithoutTheModuleFailsNamingIt() {
    try (Storage s =
        Storage.open(StorageConfig.builder().kind(StorageConfig.Kind.MEMORY).build())) {
      assertEquals(StorageConfig.Kind.MEMORY, s.kind());
      s.savedServers()
          .put(
              Owner.local(),
              SavedServer.http("a", "http://localhost:1/mcp", java.time.Instant.EPOCH));
      assertEquals(1, s.savedServers().list(Owner.local()).servers().size());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Storage.open(StorageConfig.builder().kind(StorageConfig.Kind.EMBEDDED).build()));
    assertEquals(
        "INSPECTOR_STORAGE=embedded needs the module inspector-storage-embedded on the class path",
        e.getMessage());
    try (Storage s = Storage.open(StorageConfig.builder().build())) {
      assertEquals(
          StorageConfig.Kind.MEMORY, s.kind(), "unset falls back to memory without the module");
    }
  }
}
