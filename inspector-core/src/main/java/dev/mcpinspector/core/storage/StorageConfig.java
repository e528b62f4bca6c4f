package dev.mcpinspector.core.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Storage settings, immutable: which back end ({@code INSPECTOR_STORAGE}), the embedded store's
 * directory ({@code INSPECTOR_DATA_DIR}), the Redis URL ({@code INSPECTOR_REDIS_URL}) and the keys
 * that seal stored secrets ({@code INSPECTOR_ENCRYPTION_KEYS}, else derived from {@code
 * INSPECTOR_SIGNING_KEYS}, else chosen by the back end). The Redis URL and the keys are masked in
 * {@link #toString()}.
 */
public final class StorageConfig {

  /** The key of the back-end option. */
  public static final String STORAGE = "INSPECTOR_STORAGE";

  /** The key of the embedded store's directory. */
  public static final String DATA_DIR = "INSPECTOR_DATA_DIR";

  /** The key of the Redis URL. */
  public static final String REDIS_URL = "INSPECTOR_REDIS_URL";

  /** The key of the encryption keys. */
  public static final String ENCRYPTION_KEYS = "INSPECTOR_ENCRYPTION_KEYS";

  /** The signing keys, from which encryption keys are derived when none are configured. */
  public static final String SIGNING_KEYS = "INSPECTOR_SIGNING_KEYS";

  /** Where the embedded store writes when {@value #DATA_DIR} is unset: {@code ~/.mcp-inspector}. */
  public static final Path DEFAULT_DATA_DIR =
      Path.of(System.getProperty("user.home", "."), ".mcp-inspector");

  /** The storage back ends. */
  public enum Kind {
    /** In this process's memory; lost on exit. */
    MEMORY,
    /** A file database under {@value #DATA_DIR} ({@code inspector-storage-embedded}). */
    EMBEDDED,
    /** Redis at {@value #REDIS_URL} ({@code inspector-redis}); shared by every node. */
    REDIS;

    /**
     * The value of {@value #STORAGE} for this kind.
     *
     * @return {@code memory}, {@code embedded} or {@code redis}
     */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final boolean kindExplicit;
  private final Path dataDir;
  private final String redisUrl;
  private final EncryptionKeys encryptionKeys;

  private StorageConfig(Builder b) {
    kind = b.kind;
    kindExplicit = b.kindExplicit;
    dataDir = b.dataDir;
    redisUrl = b.redisUrl;
    encryptionKeys = b.encryptionKeys;
  }

  /**
   * Reads the settings from a key/value source (environment, init-parameters); unset or blank keys
   * take their defaults.
   *
   * @param source returns the value of a key, or null
   * @return the settings
   * @throws IllegalArgumentException naming the option, the value and what is accepted
   */
  public static StorageConfig from(Function<String, String> source) {
    Builder b = builder();
    String kind = value(source, STORAGE);
    if (kind != null) {
      b.kind(parseKind(kind));
    }
    String dir = value(source, DATA_DIR);
    if (dir != null) {
      b.dataDir(Path.of(dir));
    }
    String redis = value(source, REDIS_URL);
    if (redis != null) {
      b.redisUrl(redis);
    }
    String keys = value(source, ENCRYPTION_KEYS);
    if (keys != null) {
      b.encryptionKeys(EncryptionKeys.parse(ENCRYPTION_KEYS, keys));
    } else {
      String signing = value(source, SIGNING_KEYS);
      if (signing != null) {
        b.encryptionKeys(EncryptionKeys.parse(SIGNING_KEYS, signing));
      }
    }
    return b.build();
  }

  /**
   * Reads the settings from the environment.
   *
   * @return the settings
   * @throws IllegalArgumentException naming the option, the value and what is accepted
   */
  public static StorageConfig fromEnvironment() {
    return from(System::getenv);
  }

  /**
   * Starts from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Parses a value of {@value #STORAGE}.
   *
   * @param value {@code memory}, {@code embedded} or {@code redis}, any case
   * @return the kind
   * @throws IllegalArgumentException naming the option, the value and the accepted ones
   */
  public static Kind parseKind(String value) {
    for (Kind k : Kind.values()) {
      if (k.wireName().equalsIgnoreCase(value.strip())) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        STORAGE + " must be one of memory, embedded, redis, but was '" + value + "'");
  }

  /**
   * The back end.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Whether the back end was chosen explicitly; if not, {@link Storage#open} falls back to memory
   * when the embedded module is missing from the class path.
   *
   * @return true if set
   */
  public boolean kindExplicit() {
    return kindExplicit;
  }

  /**
   * The embedded store's directory.
   *
   * @return the directory
   */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * The Redis URL, or null.
   *
   * @return the URL, with any credentials
   */
  public String redisUrl() {
    return redisUrl;
  }

  /**
   * The Redis URL without user information, for messages and logs.
   *
   * @return the URL, or {@code (unset)}
   */
  public String redisUrlForDisplay() {
    return redisUrl == null ? "(unset)" : maskUserInfo(redisUrl);
  }

  /**
   * The configured encryption keys, or null when the back end picks.
   *
   * @return the keys or null
   */
  public EncryptionKeys encryptionKeys() {
    return encryptionKeys;
  }

  @Override
  public String toString() {
    return "StorageConfig[storage="
        + kind.wireName()
        + ", dataDir="
        + dataDir
        + ", redisUrl="
        + redisUrlForDisplay()
        + ", encryptionKeys="
        + (encryptionKeys == null ? "(back-end default)" : encryptionKeys)
        + "]";
  }

  /**
   * Removes {@code user:password@} from a URL.
   *
   * @param url the URL
   * @return the URL without user information
   */
  static String maskUserInfo(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    return url.substring(0, scheme + 3) + "<masked>@" + url.substring(at + 1);
  }

  private static String value(Function<String, String> source, String key) {
    String v = source.apply(key);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** Builds a {@link StorageConfig}. Not thread-safe. */
  public static final class Builder {
    private Kind kind = Kind.EMBEDDED;
    private boolean kindExplicit;
    private Path dataDir = DEFAULT_DATA_DIR;
    private String redisUrl;
    private EncryptionKeys encryptionKeys;

    private Builder() {}

    /**
     * Sets the back end.
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder kind(Kind kind) {
      this.kind = Objects.requireNonNull(kind, "kind must not be null");
      this.kindExplicit = true;
      return this;
    }

    /**
     * Sets the embedded store's directory (created when missing).
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dataDir must not be null");
      return this;
    }

    /**
     * Sets the Redis URL: {@code redis://[user:password@]host:port[/db]} or {@code rediss://...}.
     *
     * @param url the URL
     * @return this builder
     * @throws IllegalArgumentException naming the option and the accepted form
     */
    public Builder redisUrl(String url) {
      Objects.requireNonNull(url, "redisUrl must not be null");
      URI u;
      try {
        u = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            REDIS_URL
                + " must be a URL like redis://host:6379, but was '"
                + maskUserInfo(url)
                + "'",
            e);
      }
      if (!"redis".equals(u.getScheme()) && !"rediss".equals(u.getScheme())
          || u.getHost() == null) {
        throw new IllegalArgumentException(
            REDIS_URL
                + " must be redis://host:port or rediss://host:port, but was '"
                + maskUserInfo(url)
                + "'");
      }
      this.redisUrl = url;
      return this;
    }

    /**
     * Sets the keys that seal stored secrets.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder encryptionKeys(EncryptionKeys keys) {
      this.encryptionKeys = Objects.requireNonNull(keys, "encryptionKeys must not be null");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     * @throws IllegalArgumentException if Redis is chosen without a URL
     */
    public StorageConfig build() {
      if (kind == Kind.REDIS && redisUrl == null) {
        throw new IllegalArgumentException(
            STORAGE + "=redis needs " + REDIS_URL + " (for example redis://127.0.0.1:6379)");
      }
      return new StorageConfig(this);
    }
  }
}
