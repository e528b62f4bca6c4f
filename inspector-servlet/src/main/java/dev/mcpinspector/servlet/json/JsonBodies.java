package dev.mcpinspector.servlet.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JSON request bodies and turns every client mistake into a 400 or 413 that says what to fix.
 *
 * <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not part
 * of the API.
 */
public final class JsonBodies {

  private static final Pattern MISSING_PROPERTY =
      Pattern.compile("Missing required creator property '([^']+)'");
  private static final int MAX_DETAIL = 300;

  private JsonBodies() {}

  /**
   * Reads and binds a request body: checks the content type, reads at most {@code maxBytes}, binds
   * the JSON to the type.
   *
   * @param <T> the body type
   * @param req the request
   * @param type the record (or other type) to bind to
   * @param maxBytes the body limit (413 above it)
   * @return the bound body
   * @throws IOException if reading the body fails
   */
  public static <T> T read(HttpServletRequest req, Class<T> type, long maxBytes)
      throws IOException {
    checkContentType(req.getContentType());
    byte[] body = readLimited(req, maxBytes);
    if (body.length == 0) {
      throw ProblemException.badRequest("request body is empty; send " + describe(type));
    }
    return bind(body, type);
  }

  static void checkContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw ProblemException.badRequest("Content-Type must be application/json, but was missing");
    }
    String[] parts = contentType.split(";");
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw ProblemException.badRequest(
          "Content-Type must be application/json, but was '" + parts[0].trim() + "'");
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        String charset = p.substring(eq + 1).trim().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8")) {
          throw ProblemException.badRequest(
              "Content-Type charset must be utf-8, but was '" + charset + "'");
        }
      }
    }
  }

  static byte[] readLimited(HttpServletRequest req, long maxBytes) throws IOException {
    long declared = req.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(maxBytes);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
    byte[] buf = new byte[8192];
    long total = 0;
    try (InputStream in = req.getInputStream()) {
      int n;
      while ((n = in.read(buf)) != -1) {
        total += n;
        // Chunked bodies have no Content-Length: stop reading as soon as the limit is passed.
        if (total > maxBytes) {
          throw tooLarge(maxBytes);
        }
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  private static ProblemException tooLarge(long maxBytes) {
    return new ProblemException(
        ProblemCode.PAYLOAD_TOO_LARGE, "request body must be at most " + maxBytes + " bytes");
  }

  static <T> T bind(byte[] body, Class<T> type) {
    JsonNode tree;
    try {
      // Parsing to a tree first separates syntax errors (with a location) from binding errors,
      // and lets a binding error say what the offending value actually was.
      tree = ApiJson.mapper().readTree(body);
    } catch (StreamReadException e) {
      throw ProblemException.badRequest("malformed JSON" + where(e.getLocation()) + ": " + clip(e));
    } catch (IOException e) {
      throw ProblemException.badRequest("malformed JSON: " + e.getMessage());
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw ProblemException.badRequest(
          "request body must be " + describe(type) + ", but was null");
    }
    try {
      return ApiJson.mapper().treeToValue(tree, type);
    } catch (InvalidDefinitionException e) {
      throw new IllegalStateException("cannot bind JSON to " + type.getName(), e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      String why =
          cause != null && cause.getMessage() != null ? cause.getMessage() : "invalid value";
      String field = path(e);
      throw ProblemException.badRequest(field.isEmpty() ? why : "field '" + field + "': " + why);
    } catch (MismatchedInputException e) {
      throw ProblemException.badRequest(mismatch(e, tree));
    } catch (JsonMappingException e) {
      String field = path(e);
      throw ProblemException.badRequest(
          (field.isEmpty() ? "request body" : "field '" + field + "'") + " is invalid: " + clip(e));
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest("request body is invalid: " + clip(e));
    }
  }

  private static String mismatch(MismatchedInputException e, JsonNode tree) {
    Matcher missing = MISSING_PROPERTY.matcher(String.valueOf(e.getOriginalMessage()));
    String field = path(e);
    if (missing.find()) {
      return "field '" + (field.isEmpty() ? missing.group(1) : field) + "' is required";
    }
    Class<?> target = e.getTargetType();
    String actual = actual(locate(tree, e));
    if (actual.equals("missing") && !field.isEmpty()) {
      // An absent primitive in a record: FAIL_ON_NULL_FOR_PRIMITIVES makes it required.
      return "field '" + field + "' is required";
    }
    String subject = field.isEmpty() ? "request body" : "field '" + field + "'";
    if (target != null && target.isEnum()) {
      return subject + " must be one of " + enumValues(target) + ", but was " + actual;
    }
    return subject + " must be " + describe(target) + ", but was " + actual;
  }

  private static JsonNode locate(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (node == null) {
        return null;
      }
      node = ref.getFieldName() != null ? node.get(ref.getFieldName()) : node.get(ref.getIndex());
    }
    return node;
  }

  private static String actual(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    if (node.isTextual()) {
      String text = node.textValue();
      return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }
    if (node.isNumber()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asText();
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isArray()) {
      return "an array";
    }
    return node.isObject() ? "an object" : "a JSON value";
  }

  static List<String> enumValues(Class<?> enumType) {
    List<String> values = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      try {
        values.add(ApiJson.mapper().writeValueAsString(constant).replace("\"", ""));
      } catch (JsonProcessingException ex) {
        values.add(constant.toString());
      }
    }
    return values;
  }

  static String describe(Class<?> type) {
    if (type == null || type == Object.class || JsonNode.class.isAssignableFrom(type)) {
      return "a JSON value";
    }
    if (type == String.class || type == char.class || type == Character.class) {
      return "a string";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "a boolean";
    }
    if (type == int.class
        || type == long.class
        || type == short.class
        || type == byte.class
        || type == Integer.class
        || type == Long.class
        || type == Short.class
        || type == Byte.class
        || type == BigInteger.class) {
      return "an integer";
    }
    if (type == double.class
        || type == float.class
        || Number.class.isAssignableFrom(type)
        || type == BigDecimal.class) {
      return "a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of " + enumValues(type);
    }
    return "an object";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String where(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static String clip(JsonProcessingException e) {
    String msg = String.valueOf(e.getOriginalMessage());
    int marker = msg.indexOf(" (start marker at");
    if (marker >= 0) {
      msg = msg.substring(0, marker);
    }
    int nl = msg.indexOf('\n');
    if (nl >= 0) {
      msg = msg.substring(0, nl);
    }
    return msg.length() > MAX_DETAIL ? msg.substring(0, MAX_DETAIL) + "..." : msg;
  }
}
