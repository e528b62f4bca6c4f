package dev.mcpinspector.core.elicitation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks answers against what was asked. Form content is checked against the restricted JSON Schema
 * subset of MCP elicitation (a flat object of string, number, integer, boolean and enum-array
 * properties) after the schema's defaults are applied to omitted fields (SEP-1034). Sampling
 * replies are checked as a {@code CreateMessageResult}.
 */
final class AnswerChecks {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$");
  private static final Set<String> ROLES = Set.of("assistant", "user");

  /** The model name given to a sampling reply that names none. */
  static final String DEFAULT_MODEL = "inspector-user";

  /** The stop reason given to a sampling reply that names none. */
  static final String DEFAULT_STOP_REASON = "endTurn";

  private AnswerChecks() {}

  /**
   * Applies the schema's defaults to omitted fields, then checks the content.
   *
   * @param schemaJson the requested schema; when it is not a JSON object, only the content's shape
   *     is checked
   * @param contentJson the submitted content
   * @return the content to pass on: the same text when no default was applied
   * @throws InvalidAnswerException naming the first field that does not match
   */
  static String formContent(String schemaJson, String contentJson) {
    Map<String, Object> content;
    try {
      content = JsonText.parseObject(contentJson);
    } catch (IllegalArgumentException e) {
      throw new InvalidAnswerException(
          "content", "field 'content' must be a JSON object: " + e.getMessage());
    }
    Map<String, Object> schema;
    try {
      schema = JsonText.parseObject(schemaJson);
    } catch (IllegalArgumentException e) {
      return contentJson;
    }
    Map<String, Object> properties = asObject(schema.get("properties"));
    boolean changed = false;
    Map<String, Object> out = new LinkedHashMap<>(content);
    for (Map.Entry<String, Object> p : properties.entrySet()) {
      Map<String, Object> prop = asObject(p.getValue());
      if (!out.containsKey(p.getKey()) && prop.containsKey("default")) {
        out.put(p.getKey(), prop.get("default"));
        changed = true;
      }
    }
    for (Map.Entry<String, Object> e : out.entrySet()) {
      String field = "content." + e.getKey();
      // The restricted schema is flat and closed: a field it does not declare is a mismatch
      // (likely a typo), unless the schema declares no properties at all.
      if (!properties.isEmpty() && !properties.containsKey(e.getKey())) {
        throw new InvalidAnswerException(
            field,
            "field '"
                + field
                + "' is not a property of the requested schema (properties: "
                + properties.keySet()
                + ")");
      }
      checkValue(field, asObject(properties.get(e.getKey())), e.getValue());
    }
    if (schema.get("required") instanceof List<?> required) {
      for (Object name : required) {
        if (name instanceof String n && !out.containsKey(n)) {
          throw new InvalidAnswerException(
              "content." + n,
              "field 'content." + n + "' is required by the requested schema and has no default");
        }
      }
    }
    return changed ? JsonText.write(out) : contentJson;
  }

  private static void checkValue(String field, Map<String, Object> prop, Object value) {
    Object type = prop.get("type");
    if (value == JsonText.NULL) {
      throw new InvalidAnswerException(
          field, "field '" + field + "' must not be null; omit it instead");
    }
    if ("string".equals(type)) {
      if (!(value instanceof String s)) {
        throw mismatch(field, "a string", value);
      }
      checkString(field, prop, s);
    } else if ("number".equals(type) || "integer".equals(type)) {
      if (!(value instanceof BigDecimal n)) {
        throw mismatch(field, "a number", value);
      }
      if ("integer".equals(type) && n.stripTrailingZeros().scale() > 0) {
        throw new InvalidAnswerException(
            field, "field '" + field + "' must be an integer, but was " + n.toPlainString());
      }
      bound(field, prop, "minimum", n, true);
      bound(field, prop, "maximum", n, false);
    } else if ("boolean".equals(type)) {
      if (!(value instanceof Boolean)) {
        throw mismatch(field, "a boolean", value);
      }
    } else if ("array".equals(type)) {
      if (!(value instanceof List<?> items)) {
        throw mismatch(field, "an array", value);
      }
      checkArray(field, prop, items);
    }
    // Other or missing types: the restricted schema has none; nothing more to check.
  }

  private static void checkString(String field, Map<String, Object> prop, String s) {
    List<String> allowed = allowedValues(prop);
    if (allowed != null && !allowed.contains(s)) {
      throw new InvalidAnswerException(
          field, "field '" + field + "' must be one of " + allowed + ", but was '" + s + "'");
    }
    int length = s.codePointCount(0, s.length());
    if (prop.get("minLength") instanceof BigDecimal min && length < min.intValue()) {
      throw new InvalidAnswerException(
          field,
          "field '" + field + "' must have at least " + min + " characters, but has " + length);
    }
    if (prop.get("maxLength") instanceof BigDecimal max && length > max.intValue()) {
      throw new InvalidAnswerException(
          field,
          "field '" + field + "' must have at most " + max + " characters, but has " + length);
    }
    if (prop.get("format") instanceof String format && !matchesFormat(format, s)) {
      throw new InvalidAnswerException(
          field, "field '" + field + "' must be in format '" + format + "'");
    }
  }

  private static boolean matchesFormat(String format, String s) {
    return switch (format) {
      case "email" -> EMAIL.matcher(s).matches();
      case "date" -> DATE.matcher(s).matches();
      case "date-time" -> DATE_TIME.matcher(s).matches();
      case "uri" -> {
        try {
          yield new java.net.URI(s).isAbsolute();
        } catch (java.net.URISyntaxException e) {
          yield false;
        }
      }
      default -> true;
    };
  }

  private static void checkArray(String field, Map<String, Object> prop, List<?> items) {
    if (prop.get("minItems") instanceof BigDecimal min && items.size() < min.intValue()) {
      throw new InvalidAnswerException(
          field,
          "field '" + field + "' must have at least " + min + " items, but has " + items.size());
    }
    if (prop.get("maxItems") instanceof BigDecimal max && items.size() > max.intValue()) {
      throw new InvalidAnswerException(
          field,
          "field '" + field + "' must have at most " + max + " items, but has " + items.size());
    }
    List<String> allowed = allowedValues(asObject(prop.get("items")));
    for (int i = 0; i < items.size(); i++) {
      String item = field + "[" + i + "]";
      if (!(items.get(i) instanceof String s)) {
        throw mismatch(item, "a string", items.get(i));
      }
      if (allowed != null && !allowed.contains(s)) {
        throw new InvalidAnswerException(
            item, "field '" + item + "' must be one of " + allowed + ", but was '" + s + "'");
      }
    }
  }

  /** The values of {@code enum}, or of the {@code const}s of {@code oneOf}/{@code anyOf}. */
  private static List<String> allowedValues(Map<String, Object> prop) {
    if (prop.get("enum") instanceof List<?> values) {
      List<String> out = new ArrayList<>();
      values.forEach(v -> out.add(String.valueOf(v)));
      return out;
    }
    Object options = prop.containsKey("oneOf") ? prop.get("oneOf") : prop.get("anyOf");
    if (options instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        Object c = asObject(o).get("const");
        if (c != null) {
          out.add(String.valueOf(c));
        }
      }
      return out.isEmpty() ? null : out;
    }
    return null;
  }

  private static void bound(
      String field, Map<String, Object> prop, String key, BigDecimal n, boolean lower) {
    if (prop.get(key) instanceof BigDecimal limit) {
      int cmp = n.compareTo(limit);
      if (lower ? cmp < 0 : cmp > 0) {
        throw new InvalidAnswerException(
            field,
            "field '"
                + field
                + "' must be "
                + (lower ? "at least " : "at most ")
                + limit.toPlainString()
                + " ("
                + key
                + "), but was "
                + n.toPlainString());
      }
    }
  }

  /**
   * Checks a sampling reply and fills the optional members.
   *
   * @param resultJson the reply: {@code {role, content, model, stopReason}}
   * @return the reply to pass on, with {@code role}, {@code model} and {@code stopReason} filled
   * @throws InvalidAnswerException naming the first field that does not match
   */
  static String samplingResult(String resultJson) {
    Map<String, Object> result;
    try {
      result = JsonText.parseObject(resultJson);
    } catch (IllegalArgumentException e) {
      throw new InvalidAnswerException(
          "result", "field 'result' must be a JSON object: " + e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Object role = result.getOrDefault("role", "assistant");
    if (!(role instanceof String r) || !ROLES.contains(r)) {
      throw new InvalidAnswerException(
          "result.role",
          "field 'result.role' must be one of [assistant, user], but was " + describe(role));
    }
    out.put("role", role);
    Object content = result.get("content");
    if (content instanceof List<?> blocks) {
      if (blocks.isEmpty()) {
        throw new InvalidAnswerException(
            "result.content", "field 'result.content' must not be an empty array");
      }
      for (int i = 0; i < blocks.size(); i++) {
        checkBlock("result.content[" + i + "]", blocks.get(i));
      }
    } else {
      checkBlock("result.content", content);
    }
    out.put("content", content);
    Object model = result.getOrDefault("model", DEFAULT_MODEL);
    if (!(model instanceof String m) || m.isBlank()) {
      throw new InvalidAnswerException(
          "result.model",
          "field 'result.model' must be a non-empty string, but was " + describe(model));
    }
    out.put("model", model);
    Object stop = result.getOrDefault("stopReason", DEFAULT_STOP_REASON);
    if (!(stop instanceof String)) {
      throw mismatch("result.stopReason", "a string", stop);
    }
    out.put("stopReason", stop);
    for (Map.Entry<String, Object> e : result.entrySet()) {
      if (!out.containsKey(e.getKey())) {
        if (!"_meta".equals(e.getKey())) {
          throw new InvalidAnswerException(
              "result." + e.getKey(),
              "field 'result."
                  + e.getKey()
                  + "' is not part of a sampling result (role, content, model, stopReason, _meta)");
        }
        out.put(e.getKey(), e.getValue());
      }
    }
    return JsonText.write(out);
  }

  private static void checkBlock(String field, Object value) {
    if (!(value instanceof Map<?, ?>)) {
      throw mismatch(field, "a content block object", value);
    }
    Map<String, Object> block = asObject(value);
    Object type = block.get("type");
    if ("text".equals(type)) {
      if (!(block.get("text") instanceof String)) {
        throw mismatch(field + ".text", "a string", block.get("text"));
      }
    } else if ("image".equals(type) || "audio".equals(type)) {
      Object mime = block.get("mimeType");
      if (!(mime instanceof String m) || !m.startsWith(type + "/")) {
        throw new InvalidAnswerException(
            field + ".mimeType",
            "field '"
                + field
                + ".mimeType' must be a "
                + type
                + "/* media type for "
                + type
                + " content, but was "
                + describe(mime));
      }
      Object data = block.get("data");
      if (!(data instanceof String d) || !isBase64(d)) {
        throw new InvalidAnswerException(
            field + ".data",
            "field '" + field + ".data' must be base64 text, but was " + describe(data));
      }
    } else {
      throw new InvalidAnswerException(
          field + ".type",
          "field '"
              + field
              + ".type' must be one of [text, image, audio], but was "
              + describe(type));
    }
  }

  private static boolean isBase64(String s) {
    try {
      Base64.getDecoder().decode(s);
      return !s.isEmpty();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String describe(Object v) {
    if (v instanceof String s) {
      return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }
    return JsonText.typeName(v);
  }

  private static InvalidAnswerException mismatch(String field, String expected, Object value) {
    return new InvalidAnswerException(
        field,
        "field '" + field + "' must be " + expected + ", but was " + JsonText.typeName(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object v) {
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
