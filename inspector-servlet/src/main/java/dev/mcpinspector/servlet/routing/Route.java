package dev.mcpinspector.servlet.routing;

/** One route of the table. */
record Route(String method, PathTemplate template, ApiHandler handler) {

  String describe() {
    return method + " " + template.text();
  }
}
