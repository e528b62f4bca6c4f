package dev.mcpinspector.storage.embedded;

import dev.mcpinspector.core.storage.Owner;
import dev.mcpinspector.core.storage.RecordStore;
import dev.mcpinspector.core.storage.StorageUnavailableException;
import dev.mcpinspector.core.storage.StoredRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A {@link RecordStore} in an H2 file database: table {@code records(collection, owner, k, v)} with
 * the first three as primary key. Every method is one transaction. Thread-safe.
 */
public final class EmbeddedRecordStore implements RecordStore {

  /** The database file's base name inside the data directory ({@code inspector.mv.db}). */
  public static final String DATABASE_NAME = "inspector";

  private static final int MAX_CONNECTIONS = 8;
  private static final int MAX_VALUE_BYTES = 16 * 1024 * 1024;

  private final Path dir;
  private final JdbcConnectionPool pool;

  private EmbeddedRecordStore(Path dir, JdbcConnectionPool pool) {
    this.dir = dir;
    this.pool = pool;
  }

  /**
   * Opens (creating when missing) the database in a directory.
   *
   * @param dataDir the directory; created with its parents
   * @return the open store
   * @throws StorageUnavailableException if the directory cannot be created or the database cannot
   *     be opened (for example because another process has it open), naming the directory
   */
  public static EmbeddedRecordStore open(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir must not be null");
    Path dir = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageUnavailableException(
          "cannot create the data directory " + dir + " (INSPECTOR_DATA_DIR): " + e.getMessage(),
          e);
    }
    // DB_CLOSE_ON_EXIT=FALSE: the inspector closes the database itself, after its last write.
    String url = "jdbc:h2:file:" + dir.resolve(DATABASE_NAME) + ";DB_CLOSE_ON_EXIT=FALSE";
    JdbcConnectionPool pool = JdbcConnectionPool.create(url, "", "");
    pool.setMaxConnections(MAX_CONNECTIONS);
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS records ("
              + "collection VARCHAR(256) NOT NULL, "
              + "owner VARCHAR(1024) NOT NULL, "
              + "k VARCHAR(256) NOT NULL, "
              + "v VARBINARY("
              + MAX_VALUE_BYTES
              + ") NOT NULL, "
              + "PRIMARY KEY (collection, owner, k))");
    } catch (SQLException e) {
      pool.dispose();
      throw new StorageUnavailableException(
          "cannot open the embedded database in "
              + dir
              + " (INSPECTOR_DATA_DIR): "
              + firstLine(e)
              + "; only one process may use a data directory at a time",
          e);
    }
    return new EmbeddedRecordStore(dir, pool);
  }

  /**
   * The directory the database lives in.
   *
   * @return the absolute directory
   */
  public Path dataDir() {
    return dir;
  }

  @Override
  public Optional<byte[]> get(String collection, Owner owner, String key) {
    check(collection, owner, key);
    return run(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT v FROM records WHERE collection = ? AND owner = ? AND k = ?")) {
            bind(p, collection, owner, key);
            try (ResultSet r = p.executeQuery()) {
              return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
            }
          }
        });
  }

  @Override
  public List<StoredRecord> list(String collection, Owner owner) {
    RecordStore.checkKey("collection", collection);
    Objects.requireNonNull(owner, "owner must not be null");
    return run(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "SELECT k, v FROM records WHERE collection = ? AND owner = ? ORDER BY k")) {
            p.setString(1, collection);
            p.setString(2, owner.value());
            List<StoredRecord> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
              while (r.next()) {
                out.add(new StoredRecord(owner, r.getString(1), r.getBytes(2)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public boolean put(String collection, Owner owner, String key, byte[] value) {
    check(collection, owner, key);
    byte[] v = value.clone();
    return transaction(
        c -> {
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE records SET v = ? WHERE collection = ? AND owner = ? AND k = ?")) {
            u.setBytes(1, v);
            u.setString(2, collection);
            u.setString(3, owner.value());
            u.setString(4, key);
            if (u.executeUpdate() == 1) {
              return false;
            }
          }
          try (PreparedStatement i =
              c.prepareStatement(
                  "INSERT INTO records (collection, owner, k, v) VALUES (?, ?, ?, ?)")) {
            bind(i, collection, owner, key);
            i.setBytes(4, v);
            i.executeUpdate();
            return true;
          }
        });
  }

  @Override
  public boolean compareAndSet(
      String collection, Owner owner, String key, byte[] expected, byte[] value) {
    check(collection, owner, key);
    Objects.requireNonNull(expected, "expected must not be null");
    byte[] v = value.clone();
    return transaction(
        c -> {
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE records SET v = ? WHERE collection = ? AND owner = ? AND k = ? AND v = ?")) {
            u.setBytes(1, v);
            u.setString(2, collection);
            u.setString(3, owner.value());
            u.setString(4, key);
            u.setBytes(5, expected);
            return u.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean delete(String collection, Owner owner, String key) {
    check(collection, owner, key);
    return transaction(
        c -> {
          try (PreparedStatement d =
              c.prepareStatement(
                  "DELETE FROM records WHERE collection = ? AND owner = ? AND k = ?")) {
            bind(d, collection, owner, key);
            return d.executeUpdate() == 1;
          }
        });
  }

  @Override
  public void replaceAll(String collection, Owner owner, Map<String, byte[]> records) {
    RecordStore.checkKey("collection", collection);
    Objects.requireNonNull(owner, "owner must not be null");
    records.keySet().forEach(k -> RecordStore.checkKey("key", k));
    transaction(
        c -> {
          try (PreparedStatement d =
              c.prepareStatement("DELETE FROM records WHERE collection = ? AND owner = ?")) {
            d.setString(1, collection);
            d.setString(2, owner.value());
            d.executeUpdate();
          }
          if (!records.isEmpty()) {
            try (PreparedStatement i =
                c.prepareStatement(
                    "INSERT INTO records (collection, owner, k, v) VALUES (?, ?, ?, ?)")) {
              for (Map.Entry<String, byte[]> e : records.entrySet()) {
                bind(i, collection, owner, e.getKey());
                i.setBytes(4, e.getValue().clone());
                i.addBatch();
              }
              i.executeBatch();
            }
          }
          return null;
        });
  }

  @Override
  public void scan(String collection, Consumer<StoredRecord> visitor) {
    RecordStore.checkKey("collection", collection);
    // Read first, visit after: the visitor may write to this store.
    List<StoredRecord> all =
        run(
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement(
                      "SELECT owner, k, v FROM records WHERE collection = ? ORDER BY owner, k")) {
                p.setString(1, collection);
                List<StoredRecord> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                  while (r.next()) {
                    out.add(
                        new StoredRecord(new Owner(r.getString(1)), r.getString(2), r.getBytes(3)));
                  }
                }
                return out;
              }
            });
    all.forEach(visitor);
  }

  @Override
  public String describe() {
    return "embedded " + dir;
  }

  @Override
  public void close() {
    pool.dispose();
  }

  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  private <T> T run(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.apply(c);
    } catch (SQLException | IllegalStateException e) {
      throw unavailable(e);
    }
  }

  private <T> T transaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException | IllegalStateException e) {
      throw unavailable(e);
    }
  }

  private StorageUnavailableException unavailable(Exception e) {
    return new StorageUnavailableException(
        "embedded database in " + dir + " failed: " + firstLine(e), e);
  }

  private static void check(String collection, Owner owner, String key) {
    RecordStore.checkKey("collection", collection);
    Objects.requireNonNull(owner, "owner must not be null");
    RecordStore.checkKey("key", key);
  }

  private static void bind(PreparedStatement p, String collection, Owner owner, String key)
      throws SQLException {
    p.setString(1, collection);
    p.setString(2, owner.value());
    p.setString(3, key);
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
