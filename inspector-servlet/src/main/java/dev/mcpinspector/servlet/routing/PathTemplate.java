package dev.mcpinspector.servlet.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** A parsed path template: literal segments and {@code {name}} parameters. */
final class PathTemplate {

  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
  private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]+");

  private final String text;
  // null entries are parameters; names holds the parameter name at the same index
  private final List<String> literals;
  private final List<String> names;
  private final String shape;

  private PathTemplate(String text, List<String> literals, List<String> names) {
    this.text = text;
    this.literals = literals;
    this.names = names;
    StringBuilder sb = new StringBuilder();
    for (String l : literals) {
      sb.append('/').append(l == null ? "{}" : l);
    }
    this.shape = sb.toString();
  }

  static PathTemplate parse(String template) {
    Objects.requireNonNull(template, "template");
    if (!template.startsWith("/") || template.length() < 2 || template.endsWith("/")) {
      throw new IllegalArgumentException(
          "template must start with '/' and not end with '/', like /rpc/logs, but was '"
              + template
              + "'");
    }
    List<String> literals = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String segment : template.substring(1).split("/", -1)) {
      var m = PARAM.matcher(segment);
      if (m.matches()) {
        if (!seen.add(m.group(1))) {
          throw new IllegalArgumentException(
              "template parameter {" + m.group(1) + "} appears twice in '" + template + "'");
        }
        literals.add(null);
        names.add(m.group(1));
      } else if (LITERAL.matcher(segment).matches()
          && !segment.equals(".")
          && !segment.equals("..")) {
        literals.add(segment);
        names.add(null);
      } else {
        throw new IllegalArgumentException(
            "template segment '"
                + segment
                + "' of '"
                + template
                + "' must be a literal (letters, digits, -._~) or a {parameter}");
      }
    }
    return new PathTemplate(template, literals, names);
  }

  String text() {
    return text;
  }

  /** The template with parameter names erased: two templates with one shape always clash. */
  String shape() {
    return shape;
  }

  /** Returns the parameters when the decoded segments match, otherwise null. */
  Map<String, String> match(List<String> segments) {
    if (segments.size() != literals.size()) {
      return null;
    }
    Map<String, String> params = null;
    for (int i = 0; i < segments.size(); i++) {
      String literal = literals.get(i);
      String segment = segments.get(i);
      if (literal != null) {
        if (!literal.equals(segment)) {
          return null;
        }
      } else {
        if (segment.isEmpty()) {
          return null;
        }
        if (params == null) {
          params = new LinkedHashMap<>();
        }
        params.put(names.get(i), segment);
      }
    }
    return params == null ? Map.of() : params;
  }

  /** Orders literal segments before parameters, position by position. */
  static int compareSpecificity(PathTemplate a, PathTemplate b) {
    int n = Math.min(a.literals.size(), b.literals.size());
    for (int i = 0; i < n; i++) {
      boolean al = a.literals.get(i) != null;
      boolean bl = b.literals.get(i) != null;
      if (al != bl) {
        return al ? -1 : 1;
      }
    }
    return Integer.compare(a.literals.size(), b.literals.size());
  }
}
