package dev.mcpinspector.redis;

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
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storage contract over a real {@code redis-server} on a free loopback port. */
class RedisStorageTest extends StorageContract {

  private static RedisServerProcess redis;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  protected RecordStore openEmptyStore() {
    RedisRecordStore s = RedisRecordStore.connect(redis.url());
    s.commands().flushall();
    return s;
  }

  @Test
  void redisDownAtStart_failsNamingTheUrl_withoutCredentials() throws Exception {
    int port = RedisServerProcess.freePort();
    StorageUnavailableException e =
        assertThrows(
            StorageUnavailableException.class,
            () -> RedisRecordStore.connect("redis://user:secret@127.0.0.1:" + port));
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot reach Redis at redis://<masked>@127.0.0.1:"
                    + port
                    + " (INSPECTOR_REDIS_URL): "),
        e.getMessage());
    assertTrue(!e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void withoutEncryptionKeys_redisRefusesToStart_namingTheOption() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Storage.open(
                    StorageConfig.from(
                        Map.of("INSPECTOR_STORAGE", "redis", "INSPECTOR_REDIS_URL", redis.url())
                            ::get)));
    assertEquals(
        "INSPECTOR_ENCRYPTION_KEYS must be set for INSPECTOR_STORAGE=redis (every node must share"
            + " it); generate a key with `openssl rand -base64 32`",
        e.getMessage());
  }

  @Test
  void twoNodes_seeTheSameSavedServers() {
    Map<String, String> env =
        Map.of(
            "INSPECTOR_STORAGE",
            "redis",
            "INSPECTOR_REDIS_URL",
            redis.url(),
            "INSPECTOR_ENCRYPTION_KEYS",
            Base64.getEncoder().encodeToString(new byte[32]));
    try (Storage a = Storage.open(StorageConfig.from(env::get));
        Storage b = Storage.open(StorageConfig.from(env::get))) {
      SavedServer s = SavedServer.http("demo", "https://mcp.example.com/mcp", Instant.EPOCH);
      Owner alice = new Owner("p:3:idpalice");
      a.savedServers().put(alice, s);
      assertEquals(Optional.of(s), b.savedServers().get(alice, "demo"));
      assertEquals("redis " + redis.url(), b.records().describe());
    }
  }

  @Test
  void redisLostWhileRunning_failsFast_andWorksAgainWhenItReturns() throws Exception {
    store.put("c", Owner.local(), "k", new byte[] {1});
    redis.kill();
    try {
      StorageUnavailableException e =
          assertThrows(
              StorageUnavailableException.class,
              () -> store.put("c", Owner.local(), "k2", new byte[] {2}));
      assertTrue(
          e.getMessage().startsWith("Redis at " + redis.url() + " is unavailable"), e.getMessage());
    } finally {
      redis.restart();
    }
    // Lettuce reconnects in the background; the first commands may still be refused.
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (true) {
      try {
        store.put("c", Owner.local(), "k3", new byte[] {3});
        break;
      } catch (StorageUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
    assertEquals(List.of("k3"), store.list("c", Owner.local()).stream().map(r -> r.key()).toList());
  }
}
