package dev.mcpinspector.mcp;

import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.mcp.engine.LogText;
import dev.mcpinspector.mcp.engine.ProtocolVersions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the user asked to connect to: the body of {@code POST /api/servers}.
 *
 * <p>The compact constructor only normalizes; {@link McpClientManager#addServer} validates and
 * fails with {@code bad_request}, so a route can build a spec from any input.
 *
 * @param id the server id, unique in the session; must match {@value #ID_PATTERN}
 * @param transport the transport; null means {@link ServerTransport#STREAMABLE_HTTP}
 * @param url the server URL (HTTP transports), or null
 * @param headers extra HTTP headers for every request (HTTP transports); null means none; copied
 * @param command the program to start (stdio), or null
 * @param args the program's arguments (stdio); null means none; copied
 * @param protocolVersion the protocol version the user pinned (Streamable HTTP), or null to
 *     negotiate: {@code server/discover} first, then {@code initialize}
 */
public record ServerSpec(
    String id,
    ServerTransport transport,
    String url,
    Map<String, String> headers,
    String command,
    List<String> args,
    String protocolVersion) {

  /** The pattern a server id must match. */
  public static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

  private static final Pattern ID = Pattern.compile(ID_PATTERN);

  /**
   * Normalizes the arguments; see the record description for each component.
   *
   * @param id see the record description
   * @param transport see the record description
   * @param url see the record description
   * @param headers see the record description
   * @param command see the record description
   * @param args see the record description
   * @param protocolVersion see the record description
   */
  public ServerSpec {
    transport = transport == null ? ServerTransport.STREAMABLE_HTTP : transport;
    headers =
        headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    args = args == null ? List.of() : List.copyOf(args);
  }

  /**
   * A spec that negotiates its protocol version.
   *
   * @param id see the record description
   * @param transport see the record description
   * @param url see the record description
   * @param headers see the record description
   * @param command see the record description
   * @param args see the record description
   */
  public ServerSpec(
      String id,
      ServerTransport transport,
      String url,
      Map<String, String> headers,
      String command,
      List<String> args) {
    this(id, transport, url, headers, command, args, null);
  }

  /**
   * A Streamable HTTP server without extra headers.
   *
   * @param id the server id
   * @param url the server URL
   * @return the spec
   */
  public static ServerSpec http(String id, String url) {
    return new ServerSpec(id, ServerTransport.STREAMABLE_HTTP, url, null, null, null);
  }

  /**
   * Reads the JSON body of {@code POST /api/servers} as parsed into maps and lists: {@code id},
   * {@code url}, {@code transport}, {@code headers} (object of strings), {@code command}, {@code
   * args} (array of strings).
   *
   * @param body the parsed JSON object
   * @return the spec (not yet validated)
   * @throws McpManagerException {@code bad_request} when a field has the wrong JSON type
   */
  public static ServerSpec fromJson(Map<String, ?> body) {
    if (body == null) {
      throw bad("the request body must be a JSON object");
    }
    String id = string(body, "id");
    String transport = string(body, "transport");
    String url = string(body, "url");
    String command = string(body, "command");
    String protocolVersion = string(body, "protocolVersion");
    Map<String, String> headers = null;
    Object h = body.get("headers");
    if (h != null) {
      if (!(h instanceof Map<?, ?> map)) {
        throw bad("field 'headers' must be a JSON object of strings, but was " + jsonType(h));
      }
      headers = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getValue() instanceof String v)) {
          throw bad(
              "header '"
                  + abbreviate(String.valueOf(e.getKey()))
                  + "' must be a string, but was "
                  + jsonType(e.getValue()));
        }
        headers.put(String.valueOf(e.getKey()), v);
      }
    }
    List<String> args = null;
    Object a = body.get("args");
    if (a != null) {
      if (!(a instanceof List<?> list)) {
        throw bad("field 'args' must be a JSON array of strings, but was " + jsonType(a));
      }
      args = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw bad("every element of 'args' must be a string, but found " + jsonType(o));
        }
        args.add(s);
      }
    }
    return new ServerSpec(
        id, ServerTransport.fromWireName(transport), url, headers, command, args, protocolVersion);
  }

  /**
   * Checks the fields this spec's transport needs.
   *
   * @throws McpManagerException {@code bad_request} naming the field
   */
  void validate() {
    if (id == null || !ID.matcher(id).matches()) {
      throw bad(
          "server id must match "
              + ID_PATTERN
              + ", but was "
              + (id == null ? "missing" : "'" + abbreviate(id) + "'"));
    }
    Objects.requireNonNull(transport);
    if (transport == ServerTransport.STDIO) {
      if (command == null || command.isBlank()) {
        throw bad("a stdio server needs a 'command'");
      }
    } else if (url == null || url.isBlank()) {
      throw bad("a " + transport.wireName() + " server needs a 'url'");
    }
    if (protocolVersion != null) {
      if (!ProtocolVersions.supported(protocolVersion)) {
        throw bad(
            "protocolVersion must be one of "
                + ProtocolVersions.ALL
                + ", but was '"
                + abbreviate(LogText.safe(protocolVersion))
                + "'");
      }
      if (transport != ServerTransport.STREAMABLE_HTTP) {
        throw bad(
            "protocolVersion can be pinned only for streamable-http servers, not "
                + transport.wireName());
      }
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  static String jsonType(Object o) {
    if (o == null) {
      return "null";
    }
    if (o instanceof Map<?, ?>) {
      return "an object";
    }
    if (o instanceof List<?>) {
      return "an array";
    }
    if (o instanceof String) {
      return "a string";
    }
    if (o instanceof Number) {
      return "a number";
    }
    if (o instanceof Boolean) {
      return "a boolean";
    }
    return "a " + o.getClass().getSimpleName();
  }

  private static String string(Map<String, ?> body, String field) {
    Object v = body.get(field);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw bad("field '" + field + "' must be a string, but was " + jsonType(v));
  }

  private static McpManagerException bad(String detail) {
    return new McpManagerException(ProblemCode.BAD_REQUEST, detail);
  }

  /** Masks header values, which often carry credentials. */
  @Override
  public String toString() {
    return "ServerSpec[id="
        + id
        + ", transport="
        + transport.wireName()
        + ", url="
        + url
        + ", headers="
        + headers.keySet()
        + "=<masked>, command="
        + command
        + ", args="
        + args.size()
        + ", protocolVersion="
        + protocolVersion
        + "]";
  }
}
