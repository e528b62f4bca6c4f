package dev.mcpinspector.redis;

import dev.mcpinspector.core.storage.Owner;
import dev.mcpinspector.core.storage.RecordStore;
import dev.mcpinspector.core.storage.StorageUnavailableException;
import dev.mcpinspector.core.storage.StoredRecord;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link RecordStore} in Redis. Each (collection, owner) is one hash, key {@code
 * insp:rec:<collection length>:<collection>:<owner>}, one field per record key (the length prefix
 * keeps {@code SCAN} of one collection from matching another). {@link #compareAndSet} and {@link
 * #replaceAll} are Lua scripts, so they are atomic on the server.
 *
 * <p>Commands fail fast (rejected while disconnected, a command timeout) with {@link
 * StorageUnavailableException}; Lettuce reconnects in the background and the store works again when
 * Redis is back. One connection, shared by every thread (Lettuce connections are thread-safe).
 */
public final class RedisRecordStore implements RecordStore {

  /** How long a command may take before it fails as unavailable. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private static final String CAS =
      "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then"
          + " redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) return 1 else return 0 end";
  private static final String REPLACE_ALL =
      "redis.call('DEL', KEYS[1])"
          + " for i = 1, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end"
          + " return 1";

  private final String display;
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;
  private final RedisCommands<byte[], byte[]> redis;

  private RedisRecordStore(
      String display, RedisClient client, StatefulRedisConnection<byte[], byte[]> connection) {
    this.display = display;
    this.client = client;
    this.connection = connection;
    this.redis = connection.sync();
  }

  /**
   * Connects and checks the server answers ({@code PING}).
   *
   * @param url {@code redis://[user:password@]host:port[/db]}
   * @return the open store
   * @throws StorageUnavailableException if Redis cannot be reached, naming the URL without
   *     credentials (nothing stays open)
   */
  public static RedisRecordStore connect(String url) {
    Objects.requireNonNull(url, "url must not be null");
    String display = maskUserInfo(url);
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "INSPECTOR_REDIS_URL is not a Redis URL: '" + display + "'", e);
    }
    uri.setTimeout(COMMAND_TIMEOUT);
    RedisClient client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
            .build());
    try {
      StatefulRedisConnection<byte[], byte[]> c = client.connect(ByteArrayCodec.INSTANCE);
      c.sync().ping();
      return new RedisRecordStore(display, client, c);
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      throw new StorageUnavailableException(
          "cannot reach Redis at " + display + " (INSPECTOR_REDIS_URL): " + rootMessage(e), e);
    }
  }

  /**
   * The connection's synchronous commands, for the other Redis components of this module.
   *
   * @return the commands
   */
  RedisCommands<byte[], byte[]> commands() {
    return redis;
  }

  @Override
  public Optional<byte[]> get(String collection, Owner owner, String key) {
    byte[] h = hash(collection, owner);
    byte[] f = field(key);
    return call(() -> Optional.ofNullable(redis.hget(h, f)));
  }

  @Override
  public List<StoredRecord> list(String collection, Owner owner) {
    byte[] h = hash(collection, owner);
    Map<byte[], byte[]> all = call(() -> redis.hgetall(h));
    return sorted(owner, all);
  }

  @Override
  public boolean put(String collection, Owner owner, String key, byte[] value) {
    byte[] h = hash(collection, owner);
    byte[] f = field(key);
    byte[] v = value.clone();
    return call(() -> redis.hset(h, f, v));
  }

  @Override
  public boolean compareAndSet(
      String collection, Owner owner, String key, byte[] expected, byte[] value) {
    byte[] h = hash(collection, owner);
    byte[] f = field(key);
    Objects.requireNonNull(expected, "expected must not be null");
    byte[] v = value.clone();
    Long done =
        call(
            () ->
                redis.<Long>eval(
                    CAS, ScriptOutputType.INTEGER, new byte[][] {h}, f, expected.clone(), v));
    return done != null && done == 1L;
  }

  @Override
  public boolean delete(String collection, Owner owner, String key) {
    byte[] h = hash(collection, owner);
    byte[] f = field(key);
    return call(() -> redis.hdel(h, f)) == 1L;
  }

  @Override
  public void replaceAll(String collection, Owner owner, Map<String, byte[]> records) {
    byte[] h = hash(collection, owner);
    byte[][] args = new byte[records.size() * 2][];
    int i = 0;
    for (Map.Entry<String, byte[]> e : records.entrySet()) {
      args[i++] = field(e.getKey());
      args[i++] = e.getValue().clone();
    }
    call(() -> redis.<Long>eval(REPLACE_ALL, ScriptOutputType.INTEGER, new byte[][] {h}, args));
  }

  @Override
  public void scan(String collection, Consumer<StoredRecord> visitor) {
    String prefix = prefix(collection);
    byte[] pattern = (escapeGlob(prefix) + "*").getBytes(StandardCharsets.UTF_8);
    // Collect the hash names first (SCAN may return a key twice), then read each once.
    java.util.Set<String> names = new java.util.TreeSet<>();
    call(
        () -> {
          ScanCursor cursor = ScanCursor.INITIAL;
          do {
            KeyScanCursor<byte[]> page =
                redis.scan(cursor, ScanArgs.Builder.matches(pattern).limit(200));
            for (byte[] k : page.getKeys()) {
              names.add(new String(k, StandardCharsets.UTF_8));
            }
            cursor = page;
          } while (!cursor.isFinished());
          return null;
        });
    for (String name : names) {
      Owner owner = new Owner(name.substring(prefix.length()));
      byte[] h = name.getBytes(StandardCharsets.UTF_8);
      for (StoredRecord r : sorted(owner, call(() -> redis.hgetall(h)))) {
        visitor.accept(r);
      }
    }
  }

  @Override
  public String describe() {
    return "redis " + display;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  private <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (RedisException e) {
      throw new StorageUnavailableException(
          "Redis at " + display + " is unavailable: " + rootMessage(e), e);
    }
  }

  private static List<StoredRecord> sorted(Owner owner, Map<byte[], byte[]> all) {
    TreeMap<String, byte[]> byKey = new TreeMap<>();
    all.forEach((k, v) -> byKey.put(new String(k, StandardCharsets.UTF_8), v));
    List<StoredRecord> out = new ArrayList<>(byKey.size());
    byKey.forEach((k, v) -> out.add(new StoredRecord(owner, k, v)));
    return out;
  }

  private static String prefix(String collection) {
    RecordStore.checkKey("collection", collection);
    return "insp:rec:" + collection.length() + ":" + collection + ":";
  }

  private static byte[] hash(String collection, Owner owner) {
    Objects.requireNonNull(owner, "owner must not be null");
    return (prefix(collection) + owner.value()).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] field(String key) {
    return RecordStore.checkKey("key", key).getBytes(StandardCharsets.UTF_8);
  }

  static String escapeGlob(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  static String maskUserInfo(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    return url.substring(0, scheme + 3) + "<masked>@" + url.substring(at + 1);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return Arrays.stream(m.split("\n")).findFirst().orElse(m);
  }
}
