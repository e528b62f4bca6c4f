package dev.mcpinspector.servlet.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private static final ApiHandler A = x -> {};
  private static final ApiHandler B = x -> {};

  private final RouteTable table =
      (RouteTable)
          ApiRouter.builder()
              .get("/elicitation/stream", A)
              .post("/elicitation/{requestId}", B)
              .get("/servers/{id}/tools", A)
              .delete("/servers/{id}", A)
              .build();

  @Test
  void literalWinsOverParameter() {
    var found =
        assertInstanceOf(
            RouteTable.Found.class, table.resolve("GET", List.of("elicitation", "stream")));
    assertEquals(A, found.route().handler());
  }

  @Test
  void parameterMatchesForOtherMethod() {
    var found =
        assertInstanceOf(
            RouteTable.Found.class, table.resolve("POST", List.of("elicitation", "stream")));
    assertEquals(Map.of("requestId", "stream"), found.params());
  }

  @Test
  void knownPathWrongMethodListsAllowedMethods() {
    var wrong =
        assertInstanceOf(
            RouteTable.WrongMethod.class, table.resolve("PUT", List.of("elicitation", "stream")));
    assertEquals("GET, OPTIONS, POST", wrong.allow());
  }

  @Test
  void unknownPathIsMissing() {
    assertInstanceOf(RouteTable.Missing.class, table.resolve("GET", List.of("servers")));
    assertInstanceOf(RouteTable.Missing.class, table.resolve("GET", List.of("servers", "")));
  }

  @Test
  void routesAreListedMostSpecificFirst() {
    assertEquals(
        List.of(
            "GET /elicitation/stream",
            "POST /elicitation/{requestId}",
            "DELETE /servers/{id}",
            "GET /servers/{id}/tools"),
        table.routes());
  }

  @Test
  void clashingRouteIsRefused() {
    var b = ApiRouter.builder().get("/servers/{id}", A);
    var e = assertThrows(IllegalArgumentException.class, () -> b.get("/servers/{name}", B));
    assertEquals("route GET /servers/{name} clashes with GET /servers/{id}", e.getMessage());
  }

  @Test
  void malformedTemplateIsRefused() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> ApiRouter.builder().get("servers/", A));
    assertEquals(
        "template must start with '/' and not end with '/', like /rpc/logs, but was 'servers/'",
        e.getMessage());
  }

  @Test
  void lowerCaseMethodIsRefused() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> ApiRouter.builder().route("get", "/x", A));
    assertEquals(
        "method must be an upper-case HTTP method like GET, but was 'get'", e.getMessage());
  }
}
