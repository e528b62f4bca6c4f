package dev.mcpinspector.core.storage;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A server a user chose to keep: what to connect to and how. {@link #headers()}, {@link #env()} and
 * {@link #oauthTokens()} are secrets: they are encrypted at rest and masked in {@link #toString()};
 * everything else is stored in clear (but authenticated, so a change is detected).
 *
 * @param id the server id, unique per owner; matches {@value #ID_PATTERN}
 * @param transport the transport's wire name: {@code streamable-http}, {@code sse} or {@code stdio}
 * @param url the server URL (HTTP transports), or null
 * @param command the program to start (stdio), or null
 * @param args the program's arguments (stdio); never null, copied
 * @param protocolVersion the protocol version the user pinned (e.g. {@code 2025-06-18}), or null to
 *     negotiate
 * @param roots the roots offered to the server; never null, copied
 * @param headers extra HTTP headers (secret); never null, copied, insertion order kept
 * @param env extra environment variables of a stdio program (secret); never null, copied
 * @param oauthTokens the OAuth state of this server as an opaque text the OAuth code owns (secret),
 *     or null
 * @param savedAt when it was last saved
 */
public record SavedServer(
    String id,
    String transport,
    String url,
    String command,
    List<String> args,
    String protocolVersion,
    List<Root> roots,
    Map<String, String> headers,
    Map<String, String> env,
    String oauthTokens,
    Instant savedAt) {

  /** The pattern a saved server id must match (the same as a connected server's). */
  public static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

  /** The transports a saved server may have. */
  public static final List<String> TRANSPORTS = List.of("streamable-http", "sse", "stdio");

  private static final Pattern ID = Pattern.compile(ID_PATTERN);

  /**
   * Checks and copies the arguments; see the record description for each component.
   *
   * @param id see the record description
   * @param transport see the record description
   * @param url see the record description
   * @param command see the record description
   * @param args see the record description
   * @param protocolVersion see the record description
   * @param roots see the record description
   * @param headers see the record description
   * @param env see the record description
   * @param oauthTokens see the record description
   * @param savedAt see the record description
   * @throws IllegalArgumentException naming the component and the rule it breaks
   */
  public SavedServer {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "saved server id must match " + ID_PATTERN + ", but was " + quote(id));
    }
    if (!TRANSPORTS.contains(transport)) {
      throw new IllegalArgumentException(
          "transport of saved server '"
              + id
              + "' must be one of "
              + TRANSPORTS
              + ", but was "
              + quote(transport));
    }
    if (transport.equals("stdio")) {
      if (command == null || command.isBlank()) {
        throw new IllegalArgumentException("saved stdio server '" + id + "' needs a command");
      }
    } else if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("saved " + transport + " server '" + id + "' needs a url");
    }
    args = args == null ? List.of() : List.copyOf(args);
    roots = roots == null ? List.of() : List.copyOf(roots);
    headers = copy(headers);
    env = copy(env);
    Objects.requireNonNull(savedAt, "savedAt must not be null");
  }

  /**
   * A Streamable HTTP server with nothing else set.
   *
   * @param id the id
   * @param url the URL
   * @param savedAt when it is saved
   * @return the server
   */
  public static SavedServer http(String id, String url, Instant savedAt) {
    return new SavedServer(
        id, "streamable-http", url, null, null, null, null, null, null, null, savedAt);
  }

  /**
   * This server with other OAuth tokens.
   *
   * @param tokens the opaque token state, or null to forget it
   * @return a copy
   */
  public SavedServer withOauthTokens(String tokens) {
    return new SavedServer(
        id, transport, url, command, args, protocolVersion, roots, headers, env, tokens, savedAt);
  }

  /**
   * This server saved at another time.
   *
   * @param at the time
   * @return a copy
   */
  public SavedServer withSavedAt(Instant at) {
    return new SavedServer(
        id, transport, url, command, args, protocolVersion, roots, headers, env, oauthTokens, at);
  }

  /**
   * This server without its secrets (headers, env and tokens are emptied; the names are lost too).
   *
   * @return a copy
   */
  public SavedServer withoutSecrets() {
    return new SavedServer(
        id, transport, url, command, args, protocolVersion, roots, null, null, null, savedAt);
  }

  /**
   * A root offered to the server.
   *
   * @param uri the root's URI (usually {@code file://...})
   * @param name its display name, or null
   */
  public record Root(String uri, String name) {
    /**
     * Checks the URI.
     *
     * @param uri see the record description
     * @param name see the record description
     */
    public Root {
      if (uri == null || uri.isBlank()) {
        throw new IllegalArgumentException("root uri must not be empty");
      }
    }
  }

  /** Masks the secrets: header and variable names are shown, values and tokens never. */
  @Override
  public String toString() {
    return "SavedServer[id="
        + id
        + ", transport="
        + transport
        + ", url="
        + url
        + ", command="
        + command
        + ", args="
        + args.size()
        + ", protocolVersion="
        + protocolVersion
        + ", roots="
        + roots.size()
        + ", headers="
        + headers.keySet()
        + "=<masked>, env="
        + env.keySet()
        + "=<masked>, oauthTokens="
        + (oauthTokens == null ? "none" : "<masked>")
        + ", savedAt="
        + savedAt
        + "]";
  }

  private static Map<String, String> copy(Map<String, String> m) {
    if (m == null || m.isEmpty()) {
      return Map.of();
    }
    Map<String, String> c = new LinkedHashMap<>();
    m.forEach(
        (k, v) ->
            c.put(
                Objects.requireNonNull(k, "names must not be null"),
                Objects.requireNonNull(v, "value of '" + k + "' must not be null")));
    return Collections.unmodifiableMap(c);
  }

  private static String quote(String s) {
    if (s == null) {
      return "missing";
    }
    return "'" + (s.length() <= 80 ? s : s.substring(0, 77) + "...") + "'";
  }
}
