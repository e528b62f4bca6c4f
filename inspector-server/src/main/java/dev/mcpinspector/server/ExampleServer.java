package dev.mcpinspector.server;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.mcp.McpClientManager;
import dev.mcpinspector.mcp.McpInspector;
import dev.mcpinspector.mcp.SuggestedServer;
import jakarta.servlet.DispatcherType;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example server: embedded Jetty 12 with the inspector API at {@code /api}, the web page at
 * {@code /} and the {@link DemoMcpServer} at {@link DemoMcpServer#PATH}, offered in the page as the
 * suggested server {@value DemoMcpServer#SUGGESTED_ID}.
 *
 * <p>Run it with zero configuration for local mode on port 8080 (or {@code PORT}), listening on the
 * loopback interface only (local mode needs no login and may start processes); hosted mode listens
 * on every interface. Every {@code INSPECTOR_*} variable applies (see {@code
 * docs/configuration.md}). In hosted mode the demo server, which listens on loopback over plain
 * http, is refused by the outbound policy like any other loopback address, so it is not suggested;
 * an operator who wants it for a demo sets {@code EXAMPLE_DEMO_ALLOW=true}, which adds {@code
 * 127.0.0.1} to {@code INSPECTOR_OUTBOUND_ALLOW} (every user may then reach every loopback port of
 * this host: demos only).
 */
public final class ExampleServer {

  /** The port used when {@code PORT} is not set. */
  public static final int DEFAULT_PORT = 8080;

  /**
   * The environment variable that, in hosted mode, exempts loopback from the outbound policy so
   * that the demo server can be offered.
   */
  public static final String ENV_DEMO_ALLOW = "EXAMPLE_DEMO_ALLOW";

  /**
   * The {@code Content-Security-Policy} of the page: nothing but its own files, no inline code, no
   * framing.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  /**
   * The servlet context attribute holding the server's {@code Inspector<McpClientManager>}, for
   * code running in the example server (and its tests).
   */
  public static final String INSPECTOR_ATTRIBUTE = ExampleServer.class.getName() + ".inspector";

  static final String LOOPBACK = "127.0.0.1";

  static final Duration DEMO_STEP_DELAY = Duration.ofMillis(300);

  private static final Logger LOG = LoggerFactory.getLogger(ExampleServer.class);
  private static final String WEB_ROOT = "web/";

  private ExampleServer() {}

  /**
   * Starts the example server from the environment and blocks until it stops; Ctrl+C stops it and
   * closes the inspector.
   *
   * @param args ignored
   * @throws Exception when the configuration is invalid or the port cannot be bound
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    int port = port(env.get("PORT"));
    InspectorConfig config = configFrom(env::get);
    Server server = createServer(port, config);
    server.setStopAtShutdown(true);
    server.start();
    // The one line a newcomer needs, on stdout: `mvn -q` hides log output of code run in Maven.
    System.out.println(
        "MCP inspector ("
            + config.mode().name().toLowerCase(Locale.ROOT)
            + " mode) at http://localhost:"
            + localPort(server)
            + "/  (Ctrl+C stops it)");
    server.join();
  }

  /**
   * Creates the server, bound to its port but not started. Stopping the server closes the inspector
   * and the demo MCP server; a stopped server cannot be started again.
   *
   * @param port the TCP port; 0 picks a free one (read it with {@link #localPort(Server)})
   * @param config the inspector configuration
   * @return the server, ready for {@link Server#start()}
   * @throws Exception when the port cannot be bound
   * @throws IllegalArgumentException when the configuration cannot work (for example hosted mode
   *     without signing keys), with a message naming the option
   */
  public static Server createServer(int port, InspectorConfig config) throws Exception {
    Objects.requireNonNull(config, "config must not be null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
    }
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    // Local mode allows stdio (starting processes) and needs no login: never reachable from
    // another machine. Hosted mode authenticates everyone and listens on every interface.
    connector.setHost(config.mode() == Mode.LOCAL ? LOOPBACK : null);
    server.addConnector(connector);
    // Bound now, so that the demo server's URL carries the real port even for port 0.
    connector.open();

    Inspector<McpClientManager> inspector = null;
    DemoMcpServer demo = null;
    try {
      inspector = McpInspector.create(config);
      demo = new DemoMcpServer(DEMO_STEP_DELAY);
      server.setHandler(context(inspector, demo, connector.getLocalPort()));
    } catch (Exception | Error e) {
      if (demo != null) {
        demo.close();
      }
      if (inspector != null) {
        inspector.close();
      }
      connector.close();
      throw e;
    }
    Inspector<McpClientManager> closeInspector = inspector;
    DemoMcpServer closeDemo = demo;
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStopped(LifeCycle event) {
            closeDemo.close();
            closeInspector.close();
          }
        });
    return server;
  }

  private static ServletContextHandler context(
      Inspector<McpClientManager> inspector, DemoMcpServer demo, int port) {
    List<SuggestedServer> suggested = demoSuggestion(inspector, port);
    ServletContextHandler context = new ServletContextHandler("/");
    context.setAttribute(INSPECTOR_ATTRIBUTE, inspector);
    ServletHolder mcp = new ServletHolder("demo-mcp", demo.servlet());
    mcp.setAsyncSupported(true);
    context.addServlet(mcp, DemoMcpServer.PATH);
    context.addServletContainerInitializer(
        (classes, servletContext) -> McpInspector.register(servletContext, inspector, suggested));
    serveWebPage(context);
    return context;
  }

  /**
   * The port a server from {@link #createServer} listens on.
   *
   * @param server the server
   * @return the bound port
   * @throws IllegalArgumentException when the server has no connector of its own
   */
  public static int localPort(Server server) {
    for (var c : server.getConnectors()) {
      if (c instanceof ServerConnector sc) {
        return sc.getLocalPort();
      }
    }
    throw new IllegalArgumentException("the server has no ServerConnector");
  }

  static InspectorConfig configFrom(Function<String, String> env) {
    boolean demoAllow = demoAllow(env.apply(ENV_DEMO_ALLOW));
    InspectorConfig.Builder b = InspectorConfig.builder().apply(env);
    InspectorConfig base = b.build();
    if (!demoAllow || base.mode() != Mode.HOSTED) {
      return base;
    }
    List<String> allow = new ArrayList<>(base.outboundAllow());
    allow.add("127.0.0.1");
    return b.outboundAllow(allow).build();
  }

  private static boolean demoAllow(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    String v = text.strip().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(
          ENV_DEMO_ALLOW + " must be true or false, but was '" + text + "'");
    }
    return v.equals("true");
  }

  static int port(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(text.strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "PORT must be a number between 0 and 65535, but was '" + text + "'");
  }

  /**
   * The demo server as a suggestion, only where the outbound policy lets the session connect to it:
   * always in local mode, in hosted mode only when loopback is allowlisted.
   */
  static List<SuggestedServer> demoSuggestion(Inspector<?> inspector, int port) {
    String host = inspector.mode() == Mode.HOSTED ? "127.0.0.1" : "localhost";
    String url = "http://" + host + ":" + port + DemoMcpServer.PATH;
    if (!inspector.outbound().checkUrl(url).allowed()) {
      LOG.info(
          "the demo MCP server is not suggested: the outbound policy refuses {} (set {}=true to"
              + " allow it in hosted mode)",
          url,
          ENV_DEMO_ALLOW);
      return List.of();
    }
    return List.of(
        SuggestedServer.http(
            DemoMcpServer.SUGGESTED_ID,
            url,
            "Built-in demo: echo, slow_count (progress), ask_user (elicitation)"));
  }

  private static void serveWebPage(ServletContextHandler context) {
    URL root = ExampleServer.class.getClassLoader().getResource(WEB_ROOT);
    if (root == null) {
      throw new IllegalStateException("the web page is missing from the classpath: " + WEB_ROOT);
    }
    Resource base = ResourceFactory.of(context).newResource(root);
    context.setBaseResource(base);
    context.setWelcomeFiles(new String[] {"index.html"});
    context.getMimeTypes().addMimeMapping("js", "text/javascript;charset=utf-8");
    context.getMimeTypes().addMimeMapping("mjs", "text/javascript;charset=utf-8");
    context.getMimeTypes().addMimeMapping("css", "text/css;charset=utf-8");
    context.getMimeTypes().addMimeMapping("html", "text/html;charset=utf-8");
    ServletHolder files = new ServletHolder("web", DefaultServlet.class);
    files.setInitParameter("dirAllowed", "false");
    files.setInitParameter("cacheControl", "no-cache");
    context.addServlet(files, "/");
    FilterHolder headers = new FilterHolder(new PageHeadersFilter(CONTENT_SECURITY_POLICY));
    headers.setName("page-headers");
    // Mapped to every path, so it is in front of the API's streams too: async must be allowed.
    headers.setAsyncSupported(true);
    context.addFilter(headers, "/*", EnumSet.of(DispatcherType.REQUEST));
  }
}
