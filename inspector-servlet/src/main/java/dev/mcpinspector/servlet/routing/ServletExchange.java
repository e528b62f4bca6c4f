package dev.mcpinspector.servlet.routing;

import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.servlet.ApiConfig;
import dev.mcpinspector.servlet.json.ApiJson;
import dev.mcpinspector.servlet.json.JsonBodies;
import dev.mcpinspector.servlet.sse.SseSource;
import dev.mcpinspector.servlet.sse.SseStream;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

/** The exchange handed to handlers. */
final class ServletExchange implements ApiExchange {

  static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";

  /**
   * The container's async timeout for streams: effectively none, the stream's own life cycle
   * (source, heartbeats, write errors) ends it. Not 0: with 0, Tomcat 11.0.25's timeout thread
   * takes its "application unavailable" branch and timed out freshly started streams within
   * milliseconds in about one run in three here.
   */
  static final long SSE_ASYNC_TIMEOUT_MILLIS = Duration.ofDays(365).toMillis();

  private final HttpServletRequest req;
  private final HttpServletResponse resp;
  private final String path;
  private final Map<String, String> params;
  private final ApiConfig config;
  private final ScheduledExecutorService scheduler;
  private Map<String, List<String>> query;
  private SseStream stream;

  ServletExchange(
      HttpServletRequest req,
      HttpServletResponse resp,
      String path,
      Map<String, String> params,
      ApiConfig config,
      ScheduledExecutorService scheduler) {
    this.req = req;
    this.resp = resp;
    this.path = path;
    this.params = params;
    this.config = config;
    this.scheduler = scheduler;
  }

  @Override
  public HttpServletRequest request() {
    return req;
  }

  @Override
  public HttpServletResponse response() {
    return resp;
  }

  @Override
  public String method() {
    return req.getMethod();
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String pathParam(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "the matched route has no path parameter {" + name + "}; it has " + params.keySet());
    }
    return value;
  }

  @Override
  public Optional<String> queryParam(String name) {
    if (query == null) {
      query = UriText.query(req.getQueryString());
    }
    List<String> values = query.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public int intQueryParam(String name, int defaultValue, int min, int max) {
    Optional<String> raw = queryParam(name);
    if (raw.isEmpty() || raw.get().isEmpty()) {
      return defaultValue;
    }
    try {
      int v = Integer.parseInt(raw.get());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ProblemException.badRequest(
        "query parameter '"
            + name
            + "' must be an integer from "
            + min
            + " to "
            + max
            + ", but was '"
            + raw.get()
            + "'");
  }

  @Override
  public OptionalLong lastEventId() {
    String raw = req.getHeader("Last-Event-ID");
    if (raw == null) {
      return OptionalLong.empty();
    }
    raw = raw.trim();
    if (raw.isEmpty() || raw.length() > 19) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) < '0' || raw.charAt(i) > '9') {
        return OptionalLong.empty();
      }
    }
    try {
      return OptionalLong.of(Long.parseLong(raw));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public <T> T readJson(Class<T> type) throws IOException {
    return JsonBodies.read(req, type, config.maxBodyBytes());
  }

  @Override
  public void respondJson(int status, Object body) throws IOException {
    byte[] bytes = ApiJson.mapper().writeValueAsBytes(body);
    resp.setStatus(status);
    resp.setContentType(JSON_CONTENT_TYPE);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  @Override
  public void respondNoContent() {
    resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }

  @Override
  public void respondSse(SseSource source, Runnable onEnd) throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(onEnd, "onEnd");
    boolean started = false;
    try {
      if (!req.isAsyncSupported()) {
        throw new IllegalStateException(
            "SSE needs the API servlet and every filter before it registered with "
                + "asyncSupported=true");
      }
      resp.setStatus(HttpServletResponse.SC_OK);
      resp.setContentType("text/event-stream");
      resp.setHeader("Cache-Control", "no-store");
      resp.setHeader("X-Accel-Buffering", "no");
      AsyncContext async = req.startAsync(req, resp);
      async.setTimeout(SSE_ASYNC_TIMEOUT_MILLIS);
      ServletOutputStream out = resp.getOutputStream();
      started = true;
      stream = SseStream.start(async, out, source, onEnd, scheduler, config);
    } finally {
      if (!started) {
        source.close();
        onEnd.run();
      }
    }
  }

  /** The stream this exchange started, or null. */
  SseStream stream() {
    return stream;
  }
}
