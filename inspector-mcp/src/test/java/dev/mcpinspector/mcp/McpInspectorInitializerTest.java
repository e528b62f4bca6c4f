package dev.mcpinspector.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.store.Lease;
import dev.mcpinspector.mcp.ApiClient.Response;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The drop-in initializer in a real Jetty 12 context, configured by init-parameters. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McpInspectorInitializerTest {

  static TestMcpServer alpha;

  @BeforeAll
  static void startServer() throws Exception {
    alpha = TestMcpServer.start("alpha-server");
  }

  @AfterAll
  static void stopServer() {
    alpha.close();
  }

  Server jetty;
  ServletContextHandler context;

  @AfterEach
  void stop() throws Exception {
    if (jetty != null) {
      jetty.stop();
    }
  }

  /** Starts a context with the initializer, init-parameters and an environment fallback. */
  void start(Map<String, String> initParams, Function<String, String> environment)
      throws Exception {
    start(initParams, environment, null);
  }

  /** The same, with the application's own initializer running after the drop-in. */
  void start(
      Map<String, String> initParams,
      Function<String, String> environment,
      ServletContainerInitializer application)
      throws Exception {
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    context = new ServletContextHandler();
    context.setContextPath("/app");
    initParams.forEach(context::setInitParameter);
    context.addServletContainerInitializer(new McpInspectorInitializer(environment));
    if (application != null) {
      context.addServletContainerInitializer(application);
    }
    jetty.setHandler(context);
    jetty.start();
  }

  URI base() {
    return URI.create(
        "http://127.0.0.1:"
            + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort()
            + "/app/");
  }

  @SuppressWarnings("unchecked")
  Inspector<McpClientManager> inspector() {
    return (Inspector<McpClientManager>)
        context.getServletContext().getAttribute(McpInspectorInitializer.ATTRIBUTE);
  }

  @Test
  void isDeclaredAsAServiceTheContainerFinds() {
    assertTrue(
        ServiceLoader.load(ServletContainerInitializer.class).stream()
            .anyMatch(p -> p.type() == McpInspectorInitializer.class));
  }

  @Test
  void registersTheInspectorFromInitParametersThatWinOverTheEnvironment() throws Exception {
    start(
        Map.of("INSPECTOR_MAX_SERVERS_PER_SESSION", "3"),
        Map.of("INSPECTOR_MAX_SERVERS_PER_SESSION", "1", "INSPECTOR_RPC_LOG_CAPACITY", "77")::get);
    Inspector<McpClientManager> inspector = inspector();
    assertEquals(Mode.LOCAL, inspector.mode());
    assertEquals(3, inspector.config().maxServersPerSession(), "the init-parameter wins");
    assertEquals(77, inspector.config().rpcLogCapacity(), "the environment fills the rest");

    ApiClient user = new ApiClient(base(), "user");
    Response added = user.post("api/servers", Map.of("id", "alpha", "url", alpha.url()));
    assertEquals(201, added.status(), added.body());
    assertEquals("/app/api/servers/alpha", added.headers().firstValue("Location").orElse(null));
    assertEquals(
        "echo:hi",
        user.post(
                "api/servers/alpha/tools/call",
                Map.of("name", "echo", "arguments", Map.of("text", "hi")))
            .json()
            .at("/result/content/0/text")
            .asText());
  }

  @Test
  void closesTheInspectorWhenTheContextStops() throws Exception {
    start(Map.of(), key -> null);
    Inspector<McpClientManager> inspector = inspector();
    ApiClient user = new ApiClient(base(), "user");
    assertEquals(201, user.post("api/servers", Map.of("id", "alpha", "url", alpha.url())).status());
    McpClientManager manager;
    try (Lease<McpClientManager> lease = inspector.store().acquire(SessionId.LOCAL)) {
      manager = lease.manager();
    }

    jetty.stop();

    assertEquals(ServerStatus.DISCONNECTED, manager.server("alpha").status());
    assertThrows(IllegalStateException.class, () -> inspector.store().acquire(SessionId.LOCAL));
    assertNull(context.getServletContext().getAttribute(McpInspectorInitializer.ATTRIBUTE));
  }

  @Test
  void autoRegisterFalse_registersNothing() throws Exception {
    start(Map.of("INSPECTOR_AUTO_REGISTER", "false"), key -> null);
    assertNull(inspector());
    assertEquals(404, new ApiClient(base(), "user").get("api/health").status());
  }

  @Test
  void applicationRegisteringItsOwnInspector_isToldHowToTurnTheDropInOff() {
    Inspector<McpClientManager> own = McpInspector.create(InspectorConfig.builder().build());
    try {
      Exception e =
          assertThrows(
              Exception.class,
              () ->
                  start(
                      Map.of(),
                      key -> null,
                      (classes, ctx) -> McpInspector.register(ctx, own, List.of())));
      assertTrue(
          messages(e)
              .contains(
                  "McpInspectorInitializer already registered an MCP inspector on this context;"
                      + " to register your own, set the context init-parameter (or environment"
                      + " variable) INSPECTOR_AUTO_REGISTER=false"),
          messages(e));
    } finally {
      own.close();
    }
  }

  @Test
  void applicationThatRegisteredFirst_keepsItsInspector() throws Exception {
    try (Inspector<McpClientManager> own = McpInspector.create(InspectorConfig.builder().build())) {
      jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      context = new ServletContextHandler();
      context.setContextPath("/app");
      context.addServletContainerInitializer(
          (classes, ctx) -> McpInspector.register(ctx, own, List.of()));
      context.addServletContainerInitializer(new McpInspectorInitializer(key -> null));
      jetty.setHandler(context);
      jetty.start();

      assertNull(inspector(), "the drop-in did nothing");
      ApiClient user = new ApiClient(base(), "user");
      assertEquals(
          201, user.post("api/servers", Map.of("id", "alpha", "url", alpha.url())).status());
      assertEquals(1, own.store().stats().created());
    }
  }

  @Test
  void applicationRegisteringItsOwnInspector_worksWithTheDropInOff() throws Exception {
    try (Inspector<McpClientManager> own = McpInspector.create(InspectorConfig.builder().build())) {
      start(
          Map.of("INSPECTOR_AUTO_REGISTER", "false"),
          key -> null,
          (classes, ctx) -> McpInspector.register(ctx, own, List.of()));
      assertNull(inspector());
      ApiClient user = new ApiClient(base(), "user");
      assertEquals(
          201, user.post("api/servers", Map.of("id", "alpha", "url", alpha.url())).status());
      assertEquals(1, own.store().stats().created(), own.store().stats().toString());
    }
  }

  @Test
  void badConfiguration_failsTheDeploymentNamingTheOption() {
    Exception e =
        assertThrows(
            Exception.class, () -> start(Map.of("INSPECTOR_MODE", "sideways"), key -> null));
    assertTrue(messages(e).contains("INSPECTOR_MODE"), messages(e));
  }

  @Test
  void hostedModeWithoutSigningKeys_failsTheDeployment() {
    Exception e =
        assertThrows(Exception.class, () -> start(Map.of("INSPECTOR_MODE", "hosted"), key -> null));
    assertTrue(messages(e).contains("INSPECTOR_SIGNING_KEYS"), messages(e));
  }

  @Test
  void badAutoRegisterValue_failsTheDeployment() {
    Exception e =
        assertThrows(
            Exception.class, () -> start(Map.of("INSPECTOR_AUTO_REGISTER", "maybe"), key -> null));
    assertTrue(
        messages(e).contains("INSPECTOR_AUTO_REGISTER must be true or false, but was 'maybe'"),
        messages(e));
  }

  private static String messages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append(" / ");
      for (Throwable s : c.getSuppressed()) {
        sb.append(messages(s));
      }
    }
    return sb.toString();
  }
}
