package dev.mcpinspector.servlet.front;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.time.FakeTicker;
import dev.mcpinspector.servlet.ApiModule;
import dev.mcpinspector.servlet.InspectorRequest;
import dev.mcpinspector.servlet.InspectorServlets;
import dev.mcpinspector.servlet.sse.SseEvent;
import dev.mcpinspector.servlet.sse.SseSource;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty 12 (ee10) on a free port with the inspector registered through {@link
 * InspectorServlets#register}, a test route module and a static servlet on {@code /}.
 *
 * <p>Test routes: {@code GET /api/whoami} (the principal and which manager served the request),
 * {@code POST /api/things} (an unsafe leased route), {@code GET /api/stream} (an SSE stream whose
 * source the test closes with {@link #closeStreams()}) and {@code GET /api/redispatch} (goes async
 * and dispatches to {@code /api/whoami}).
 */
final class FrontServer implements AutoCloseable {

  final Inspector<TestManager> inspector;
  final CountingFactory factory;
  final FakeTicker time;
  final URI base;
  final List<TestSource> streams = new CopyOnWriteArrayList<>();
  final AtomicInteger thingsCreated = new AtomicInteger();
  private final Server server;

  private FrontServer(
      Inspector<TestManager> inspector, CountingFactory factory, FakeTicker time, String host)
      throws Exception {
    this.inspector = inspector;
    this.factory = factory;
    this.time = time;
    this.server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(
        (classes, ctx) -> {
          InspectorServlets.register(ctx, inspector, testRoutes());
          ctx.addServlet("static", new StaticServlet()).addMapping("/");
        });
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      inspector.close();
      throw e;
    }
    String authority = host.contains(":") ? "[" + host + "]" : host;
    this.base = URI.create("http://" + authority + ":" + connector.getLocalPort());
  }

  /** Starts a server over an inspector built from the config, with a fake clock. */
  static FrontServer start(InspectorConfig config) throws Exception {
    return start(config, new FakeTicker());
  }

  static FrontServer start(InspectorConfig config, FakeTicker time) throws Exception {
    return start(config, time, "127.0.0.1");
  }

  /** Starts a server listening on the given loopback address ({@code 127.0.0.1} or {@code ::1}). */
  static FrontServer start(InspectorConfig config, FakeTicker time, String host) throws Exception {
    CountingFactory factory = new CountingFactory();
    Inspector<TestManager> inspector =
        Inspector.builder(config, ctx -> factory).ticker(time).clock(time).build();
    return new FrontServer(inspector, factory, time, host);
  }

  URI uri(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }

  int port() {
    return base.getPort();
  }

  /** Ends every open test stream (its source is closed, so the stream completes). */
  void closeStreams() {
    streams.forEach(TestSource::close);
  }

  private ApiModule testRoutes() {
    return routes -> {
      routes.get(
          "/whoami",
          ex -> {
            InspectorRequest r = InspectorRequest.of(ex);
            TestManager m = r.manager(TestManager.class);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put(
                "principal",
                r.admission().principal() == null ? null : r.admission().principal().subject());
            body.put("manager", factory.created.indexOf(m));
            ex.respondJson(200, body);
          });
      routes.get("/redispatch", ex -> ex.request().startAsync().dispatch("/api/whoami"));
      routes.post(
          "/things",
          ex -> {
            InspectorRequest.of(ex).manager(TestManager.class);
            thingsCreated.incrementAndGet();
            ex.respondJson(201, Map.of("ok", true));
          });
      routes.get(
          "/stream",
          ex -> {
            InspectorRequest.of(ex).manager(TestManager.class);
            TestSource source = new TestSource();
            source.queue.add(SseEvent.of(1, "hello", "{}"));
            streams.add(source);
            ex.respondSse(source, () -> {});
          });
    };
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not stop", e);
    } finally {
      inspector.close();
    }
  }

  /** An SSE source holding queued events until the test closes it. */
  static final class TestSource implements SseSource {
    final Queue<SseEvent> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;
    private volatile Runnable signal = () -> {};

    @Override
    public List<SseEvent> poll(int max) {
      List<SseEvent> out = new ArrayList<>();
      SseEvent e;
      while (out.size() < max && (e = queue.poll()) != null) {
        out.add(e);
      }
      return out;
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public void close() {
      closed = true;
      signal.run();
    }

    @Override
    public void onReady(Runnable signal) {
      this.signal = signal;
      signal.run();
    }
  }

  /** Serves every non-API path with a fixed page, like a static file handler. */
  static final class StaticServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/html; charset=utf-8");
      resp.getOutputStream().write("<!doctype html><p>static</p>".getBytes(StandardCharsets.UTF_8));
    }
  }
}
