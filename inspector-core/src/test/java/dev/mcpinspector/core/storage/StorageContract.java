package dev.mcpinspector.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one contract every {@link RecordStore} passes, and {@link SavedServerStore} over it: each
 * back end's test extends this class and says how to open a fresh, empty store. Shipped in the core
 * test-jar so the embedded and Redis modules run exactly these tests.
 */
public abstract class StorageContract {

  /** A key the saved-server tests seal with. */
  protected static final EncryptionKeys KEY_A = keys('a');

  /** Another key. */
  protected static final EncryptionKeys KEY_B = keys('b');

  private static final Owner ALICE = new Owner("p:5:https://idp*alice");
  private static final Owner BOB = new Owner("p:3:idp[b]?ob");
  private static final Instant T0 = Instant.parse("2026-12-01T10:15:30.123Z");

  /** The store under test; fresh and empty for each test. */
  protected RecordStore store;

  /**
   * Opens a fresh, empty store of the implementation under test.
   *
   * @return the store
   * @throws Exception if it cannot be opened
   */
  protected abstract RecordStore openEmptyStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = openEmptyStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Keys derived from a repeated byte: deterministic and distinct. */
  protected static EncryptionKeys keys(char c) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) c);
    return EncryptionKeys.of(List.of(k));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- records ----

  @Test
  void get_missingRecord_isEmpty() {
    assertEquals(Optional.empty(), store.get("c", ALICE, "nope"));
    assertEquals(List.of(), store.list("c", ALICE));
  }

  @Test
  void put_thenGet_returnsTheBytes_andCopies() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    assertTrue(store.put("c", ALICE, "k", all));
    all[0] = 42;
    byte[] read = store.get("c", ALICE, "k").orElseThrow();
    assertEquals(0, read[0], "the store kept a copy, not the caller's array");
    assertEquals((byte) 255, read[255]);
    read[1] = 42;
    assertEquals(1, store.get("c", ALICE, "k").orElseThrow()[1], "get hands out a copy");
  }

  @Test
  void put_saysWhetherTheKeyWasNew() {
    assertTrue(store.put("c", ALICE, "k", bytes("one")));
    assertFalse(store.put("c", ALICE, "k", bytes("two")));
    assertArrayEquals(bytes("two"), store.get("c", ALICE, "k").orElseThrow());
  }

  @Test
  void list_isByKey_andScopedToOwnerAndCollection() {
    store.put("c", ALICE, "b", bytes("2"));
    store.put("c", ALICE, "a", bytes("1"));
    store.put("c", ALICE, "c:*", bytes("3"));
    store.put("c", BOB, "a", bytes("bob"));
    store.put("other", ALICE, "z", bytes("other"));
    List<StoredRecord> list = store.list("c", ALICE);
    assertEquals(List.of("a", "b", "c:*"), list.stream().map(StoredRecord::key).toList());
    assertArrayEquals(bytes("1"), list.get(0).value());
    assertEquals(ALICE, list.get(0).owner());
    assertEquals(List.of("a"), store.list("c", BOB).stream().map(StoredRecord::key).toList());
    assertEquals(List.of("z"), store.list("other", ALICE).stream().map(StoredRecord::key).toList());
  }

  @Test
  void ownersWithGlobAndSeparatorCharacters_doNotSeeEachOther() {
    Owner star = new Owner("p:1:*");
    Owner literal = new Owner("p:1:a");
    store.put("c", star, "k", bytes("star"));
    store.put("c", literal, "k", bytes("a"));
    assertArrayEquals(bytes("star"), store.get("c", star, "k").orElseThrow());
    assertEquals(1, store.list("c", star).size());
    assertTrue(store.delete("c", star, "k"));
    assertArrayEquals(bytes("a"), store.get("c", literal, "k").orElseThrow());
  }

  @Test
  void delete_saysWhetherItExisted() {
    store.put("c", ALICE, "k", bytes("v"));
    assertTrue(store.delete("c", ALICE, "k"));
    assertFalse(store.delete("c", ALICE, "k"));
    assertEquals(Optional.empty(), store.get("c", ALICE, "k"));
  }

  @Test
  void compareAndSet_replacesOnlyTheExpectedBytes() {
    store.put("c", ALICE, "k", bytes("v1"));
    assertFalse(store.compareAndSet("c", ALICE, "k", bytes("other"), bytes("v2")));
    assertArrayEquals(bytes("v1"), store.get("c", ALICE, "k").orElseThrow());
    assertTrue(store.compareAndSet("c", ALICE, "k", bytes("v1"), bytes("v2")));
    assertArrayEquals(bytes("v2"), store.get("c", ALICE, "k").orElseThrow());
    assertFalse(store.compareAndSet("c", ALICE, "missing", bytes("v1"), bytes("v2")));
    assertEquals(Optional.empty(), store.get("c", ALICE, "missing"));
  }

  @Test
  void replaceAll_replacesTheWholeSet_ofThatOwnerOnly() {
    store.put("c", ALICE, "old", bytes("x"));
    store.put("c", BOB, "old", bytes("bob"));
    Map<String, byte[]> next = new LinkedHashMap<>();
    next.put("n2", bytes("2"));
    next.put("n1", bytes("1"));
    store.replaceAll("c", ALICE, next);
    assertEquals(
        List.of("n1", "n2"), store.list("c", ALICE).stream().map(StoredRecord::key).toList());
    assertArrayEquals(bytes("bob"), store.get("c", BOB, "old").orElseThrow());
    store.replaceAll("c", ALICE, Map.of());
    assertEquals(List.of(), store.list("c", ALICE));
  }

  @Test
  void scan_visitsEveryRecordOfTheCollectionOnce() {
    store.put("c", ALICE, "a", bytes("1"));
    store.put("c", ALICE, "b", bytes("2"));
    store.put("c", BOB, "a", bytes("3"));
    store.put("other", BOB, "z", bytes("4"));
    Map<String, String> seen = new HashMap<>();
    store.scan(
        "c",
        r -> {
          String previous =
              seen.put(
                  r.owner().value() + "/" + r.key(), new String(r.value(), StandardCharsets.UTF_8));
          assertEquals(null, previous, "visited twice: " + r);
        });
    assertEquals(
        Map.of(ALICE.value() + "/a", "1", ALICE.value() + "/b", "2", BOB.value() + "/a", "3"),
        seen);
  }

  @Test
  void badKeys_areRefusedNamingTheRule() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store.put("c", ALICE, "", bytes("v")));
    assertEquals("key must be 1 to 256 characters, but was 0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> store.put("c", ALICE, "a\nb", bytes("v")));
    assertEquals("key must not contain control characters", e.getMessage());
  }

  @Test
  void concurrentWriters_loseNothing() throws Exception {
    int threads = 4;
    int perThread = 25;
    store.put("c", BOB, "counter", bytes("0"));
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    store.put("c", ALICE, "t" + id + "-" + i, bytes("v" + i));
                  }
                  // Every thread bumps one shared counter with compare-and-set.
                  for (int i = 0; i < perThread; i++) {
                    while (true) {
                      byte[] cur = store.get("c", BOB, "counter").orElseThrow();
                      int n = Integer.parseInt(new String(cur, StandardCharsets.UTF_8));
                      if (store.compareAndSet(
                          "c", BOB, "counter", cur, bytes(String.valueOf(n + 1)))) {
                        break;
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * perThread, store.list("c", ALICE).size());
    assertEquals(
        String.valueOf(threads * perThread),
        new String(store.get("c", BOB, "counter").orElseThrow(), StandardCharsets.UTF_8));
  }

  // ---- saved servers over this store ----

  private static SavedServer full(String id) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer sekret-token-123");
    headers.put("X-Team", "blue");
    return new SavedServer(
        id,
        "streamable-http",
        "https://mcp.example.com/mcp",
        null,
        null,
        "2025-06-18",
        List.of(
            new SavedServer.Root("file:///home/alice/src", "src"),
            new SavedServer.Root("file:///tmp", null)),
        headers,
        Map.of(),
        null,
        T0);
  }

  @Test
  void savedServer_roundTripsEveryField() {
    SavedServerStore servers = SavedServerStore.create(store, KEY_A);
    SavedServer http = full("demo");
    SavedServer stdio =
        new SavedServer(
            "files",
            "stdio",
            null,
            "npx",
            List.of("-y", "@modelcontextprotocol/server-filesystem", "/tmp"),
            null,
            null,
            null,
            Map.of("API_KEY", "k-1", "EMPTY", ""),
            "{\"access_token\":\"at\"}",
            T0);
    assertTrue(servers.put(ALICE, http));
    assertTrue(servers.put(ALICE, stdio));
    assertFalse(servers.put(ALICE, http.withSavedAt(T0.plusSeconds(1))));
    SavedServerStore.Listing listing = servers.list(ALICE);
    assertEquals(List.of(), listing.skipped());
    assertEquals(List.of(http.withSavedAt(T0.plusSeconds(1)), stdio), listing.servers());
    assertEquals(Optional.of(stdio), servers.get(ALICE, "files"));
    assertEquals(Optional.empty(), servers.get(BOB, "files"));
  }

  @Test
  void savedServer_secretsAreNotStoredInClear() {
    SavedServerStore servers = SavedServerStore.create(store, KEY_A);
    servers.put(ALICE, full("demo").withOauthTokens("refresh-token-xyz"));
    String raw =
        new String(
            store.get(SavedServerStore.COLLECTION, ALICE, "demo").orElseThrow(),
            StandardCharsets.ISO_8859_1);
    assertTrue(raw.contains("https://mcp.example.com/mcp"), "the public part is in clear");
    assertFalse(raw.contains("sekret-token-123"), "header value in clear");
    assertFalse(raw.contains("refresh-token-xyz"), "token in clear");
    assertFalse(raw.contains("Authorization"), "header names are sealed too");
  }

  @Test
  void savedServer_recordMovedToAnotherOwnerOrId_isSkippedAsCorrupt() {
    SavedServerStore servers = SavedServerStore.create(store, KEY_A);
    servers.put(ALICE, full("demo"));
    byte[] aliceRecord = store.get(SavedServerStore.COLLECTION, ALICE, "demo").orElseThrow();
    store.put(SavedServerStore.COLLECTION, BOB, "demo", aliceRecord);
    store.put(SavedServerStore.COLLECTION, ALICE, "copy", aliceRecord);
    SavedServerStore.Listing bob = servers.list(BOB);
    assertEquals(List.of(), bob.servers());
    assertEquals(1, bob.skipped().size());
    assertEquals(SkippedRecord.Reason.CORRUPT, bob.skipped().get(0).reason());
    assertEquals(Optional.empty(), servers.get(BOB, "demo"));
    SavedServerStore.Listing alice = servers.list(ALICE);
    assertEquals(List.of("demo"), alice.servers().stream().map(SavedServer::id).toList());
    assertEquals(List.of("copy"), alice.skipped().stream().map(SkippedRecord::key).toList());
  }

  @Test
  void savedServer_tamperedBytes_areSkipped_andTheRestListed() {
    SavedServerStore servers = SavedServerStore.create(store, KEY_A);
    servers.put(ALICE, full("a"));
    servers.put(ALICE, full("b"));
    byte[] b = store.get(SavedServerStore.COLLECTION, ALICE, "b").orElseThrow();
    // Change the URL in the clear part (same length, so only the tag can notice).
    String text =
        new String(b, StandardCharsets.ISO_8859_1).replace("mcp.example.com", "mcp.exampl3.com");
    store.put(SavedServerStore.COLLECTION, ALICE, "b", text.getBytes(StandardCharsets.ISO_8859_1));
    store.put(SavedServerStore.COLLECTION, ALICE, "c", bytes("not a record at all"));
    SavedServerStore.Listing listing = servers.list(ALICE);
    assertEquals(List.of("a"), listing.servers().stream().map(SavedServer::id).toList());
    assertEquals(List.of("b", "c"), listing.skipped().stream().map(SkippedRecord::key).toList());
    assertTrue(
        listing.skipped().stream().allMatch(s -> s.reason() == SkippedRecord.Reason.CORRUPT));
  }

  @Test
  void savedServer_underAForeignKey_isSkippedAsUnknownKey_neverDecrypted() {
    SavedServerStore.create(store, KEY_B).put(ALICE, full("foreign"));
    SavedServerStore servers = SavedServerStore.create(store, KEY_A);
    servers.put(ALICE, full("mine"));
    SavedServerStore.Listing listing = servers.list(ALICE);
    assertEquals(List.of("mine"), listing.servers().stream().map(SavedServer::id).toList());
    assertEquals(1, listing.skipped().size());
    SkippedRecord skipped = listing.skipped().get(0);
    assertEquals("foreign", skipped.key());
    assertEquals(SkippedRecord.Reason.UNKNOWN_KEY, skipped.reason());
    assertTrue(skipped.detail().contains("not among the configured keys"), skipped.detail());
  }

  @Test
  void rotation_reencryptsUnderTheFirstKey_soTheOldKeyCanGo() {
    SavedServerStore.create(store, KEY_A).put(ALICE, full("one"));
    SavedServerStore.create(store, KEY_A).put(BOB, full("two"));
    EncryptionKeys rotated = EncryptionKeys.of(List.of(repeat('b'), repeat('a')));
    SavedServerStore both = SavedServerStore.create(store, rotated);
    assertEquals(Optional.of(full("one")), both.get(ALICE, "one"), "the old key still decrypts");
    store.put(SavedServerStore.COLLECTION, BOB, "junk", bytes("junk"));
    assertEquals(new SavedServerStore.Rotation(2, 0, 1), both.reencrypt());
    assertEquals(new SavedServerStore.Rotation(0, 2, 1), both.reencrypt());
    SavedServerStore onlyNew = SavedServerStore.create(store, KEY_B);
    assertEquals(Optional.of(full("one")), onlyNew.get(ALICE, "one"));
    assertEquals(Optional.of(full("two")), onlyNew.get(BOB, "two"));
    SavedServerStore onlyOld = SavedServerStore.create(store, KEY_A);
    assertEquals(SkippedRecord.Reason.UNKNOWN_KEY, onlyOld.list(ALICE).skipped().get(0).reason());
  }

  private static byte[] repeat(char c) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) c);
    return k;
  }

  @Test
  void replaceAll_withADuplicateId_changesNothing() {
    SavedServerStore servers = SavedServerStore.create(store, KEY_A);
    servers.put(ALICE, full("keep"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> servers.replaceAll(ALICE, List.of(full("x"), full("y"), full("x"))));
    assertEquals("duplicate saved server id 'x'", e.getMessage());
    assertEquals(
        List.of("keep"), servers.list(ALICE).servers().stream().map(SavedServer::id).toList());
    servers.replaceAll(ALICE, List.of(full("x"), full("y")));
    assertEquals(
        List.of("x", "y"), servers.list(ALICE).servers().stream().map(SavedServer::id).toList());
  }

  @Test
  void oauthTokens_areKeptWithTheServer_andOnlyForExistingOnes() {
    SavedServerStore servers = SavedServerStore.create(store, KEY_A);
    assertFalse(servers.putOauthTokens(ALICE, "demo", "t"));
    assertEquals(Optional.empty(), servers.get(ALICE, "demo"));
    servers.put(ALICE, full("demo"));
    assertTrue(servers.putOauthTokens(ALICE, "demo", "{\"refresh_token\":\"r\"}"));
    assertEquals(Optional.of("{\"refresh_token\":\"r\"}"), servers.oauthTokens(ALICE, "demo"));
    assertEquals(full("demo").headers(), servers.get(ALICE, "demo").orElseThrow().headers());
    assertTrue(servers.putOauthTokens(ALICE, "demo", null));
    assertEquals(Optional.empty(), servers.oauthTokens(ALICE, "demo"));
  }

  @Test
  void delete_forgetsTheServer() {
    SavedServerStore servers = SavedServerStore.create(store, KEY_A);
    servers.put(ALICE, full("demo"));
    assertTrue(servers.delete(ALICE, "demo"));
    assertFalse(servers.delete(ALICE, "demo"));
    assertEquals(List.of(), servers.list(ALICE).servers());
  }
}
