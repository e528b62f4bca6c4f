package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.session.Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Named access keys ({@code INSPECTOR_ACCESS_KEYS}). Matching compares SHA-256 digests of the
 * presented key with every configured key in constant time, without stopping at the first match, so
 * timing reveals neither which key matched nor how much of a guess was right. Immutable and
 * thread-safe; keys never appear in {@link #toString()} or messages.
 */
public final class AccessKeys {

  /** The issuer of principals authenticated by access key. */
  public static final String ISSUER = "access-key";

  /** Shortest accepted key. */
  public static final int MIN_KEY_LENGTH = 16;

  private static final int MAX_KEY_LENGTH = 512;
  private static final AccessKeys NONE = new AccessKeys(List.of(), List.of());
  private static final String ACCEPTED =
      "expected name=key pairs, comma-separated, or @FILE with one name=key per line; a name is"
          + " 1-64 of [A-Za-z0-9._@-], a key at least "
          + MIN_KEY_LENGTH
          + " of"
          + " [A-Za-z0-9-._~+/] (generate one with `openssl rand -base64 32`)";

  private final List<String> names;
  private final List<byte[]> digests;

  private AccessKeys(List<String> names, List<byte[]> digests) {
    this.names = List.copyOf(names);
    this.digests = List.copyOf(digests);
  }

  /**
   * No keys: nobody can log in with a key.
   *
   * @return the empty set
   */
  public static AccessKeys none() {
    return NONE;
  }

  /**
   * Creates keys from a map.
   *
   * @param keysByName key per principal name
   * @return the keys
   * @throws IllegalArgumentException when a name or key is invalid or a key is used twice
   */
  public static AccessKeys of(Map<String, String> keysByName) {
    List<String> names = new ArrayList<>();
    List<byte[]> digests = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> e : keysByName.entrySet()) {
      add(names, digests, e.getKey(), e.getValue(), "entry " + (++i));
    }
    return new AccessKeys(names, digests);
  }

  /**
   * Parses {@code INSPECTOR_ACCESS_KEYS}: {@code name=key} pairs separated by commas, or
   * {@code @FILE} naming a file with one pair per line (blank lines and lines starting with {@code
   * #} are skipped).
   *
   * @param text the option value; null or blank gives no keys
   * @return the keys
   * @throws IllegalArgumentException naming the option, the entry (never the key) and what is
   *     accepted, or the file that cannot be read
   */
  public static AccessKeys parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    String t = text.strip();
    List<String> entries;
    String where;
    if (t.startsWith("@")) {
      Path file = Path.of(t.substring(1).strip());
      try {
        entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          entries.add(line.strip().startsWith("#") ? "" : line);
        }
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "INSPECTOR_ACCESS_KEYS file '" + file + "' cannot be read: " + e, e);
      }
      where = "line";
    } else {
      entries = List.of(t.split(",", -1));
      where = "entry";
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    List<byte[]> digests = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String entry = entries.get(i).strip();
      if (entry.isEmpty()) {
        if (where.equals("entry")) {
          throw new IllegalArgumentException(
              "INSPECTOR_ACCESS_KEYS entry " + (i + 1) + " is empty: " + ACCEPTED);
        }
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "INSPECTOR_ACCESS_KEYS "
                + where
                + " "
                + (i + 1)
                + " has no name=key form: "
                + ACCEPTED);
      }
      String name = entry.substring(0, eq).strip();
      String key = entry.substring(eq + 1).strip();
      add(names, digests, name, key, where + " " + (i + 1));
      pairs.put(name, key);
    }
    return new AccessKeys(names, digests);
  }

  private static void add(
      List<String> names, List<byte[]> digests, String name, String key, String where) {
    if (name == null
        || name.isEmpty()
        || name.length() > 64
        || !name.chars()
            .allMatch(
                c ->
                    (c >= 'A' && c <= 'Z')
                        || (c >= 'a' && c <= 'z')
                        || (c >= '0' && c <= '9')
                        || ".-_@".indexOf(c) >= 0)) {
      throw new IllegalArgumentException(
          "INSPECTOR_ACCESS_KEYS "
              + where
              + " has an invalid name '"
              + printable(name)
              + "': "
              + ACCEPTED);
    }
    if (names.contains(name)) {
      throw new IllegalArgumentException(
          "INSPECTOR_ACCESS_KEYS "
              + where
              + " repeats the name '"
              + name
              + "'; names must be unique");
    }
    if (key == null
        || key.length() < MIN_KEY_LENGTH
        || key.length() > MAX_KEY_LENGTH
        || !isToken68(key)) {
      throw new IllegalArgumentException(
          "INSPECTOR_ACCESS_KEYS "
              + where
              + " (name '"
              + name
              + "') has an invalid key (value"
              + " masked, length "
              + (key == null ? 0 : key.length())
              + "): "
              + ACCEPTED);
    }
    byte[] digest = sha256(key);
    for (byte[] d : digests) {
      if (MessageDigest.isEqual(d, digest)) {
        throw new IllegalArgumentException(
            "INSPECTOR_ACCESS_KEYS "
                + where
                + " (name '"
                + name
                + "') reuses another name's key;"
                + " every principal needs its own key");
      }
    }
    names.add(name);
    digests.add(digest);
  }

  private static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(s.length(), 64); i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  private static boolean isToken68(String key) {
    int end = key.length();
    while (end > 0 && key.charAt(end - 1) == '=') {
      end--;
    }
    for (int i = 0; i < end; i++) {
      char c = key.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || "-._~+/".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return end > 0;
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e);
    }
  }

  /**
   * Finds the name of a presented key, in constant time with respect to the configured keys.
   *
   * @param presented the key the client sent; may be null
   * @return the principal name, or empty when no key matches
   */
  public Optional<String> match(String presented) {
    if (presented == null || digests.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    byte[] digest = sha256(presented);
    int found = -1;
    for (int i = 0; i < digests.size(); i++) {
      if (MessageDigest.isEqual(digests.get(i), digest) & found < 0) {
        found = i;
      }
    }
    return found < 0 ? Optional.empty() : Optional.of(names.get(found));
  }

  /**
   * The principal of a key name.
   *
   * @param name a configured name
   * @param admins names with the admin role
   * @return issuer {@value #ISSUER}, subject {@code name}
   */
  Principal principal(String name, Set<String> admins) {
    return new Principal(
        ISSUER, name, name, admins.contains(name) ? Set.of(Principal.ADMIN_ROLE) : Set.of());
  }

  /**
   * The number of keys.
   *
   * @return the count
   */
  public int size() {
    return names.size();
  }

  /** Returns the names only; keys are masked. */
  @Override
  public String toString() {
    return "AccessKeys[names=" + names + ", keys=<masked>]";
  }
}
