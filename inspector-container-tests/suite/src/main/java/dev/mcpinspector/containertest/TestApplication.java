package dev.mcpinspector.containertest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.servlet.ApiConfig;
import dev.mcpinspector.servlet.ServletRegistrations;
import dev.mcpinspector.servlet.WebSecurityConfig;
import dev.mcpinspector.servlet.routing.ApiRouter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The application the suite deploys: test routes built on the servlet plumbing, registered the way
 * the real application registers its own (filter and servlet on the {@code ServletContext}, from an
 * initializer).
 */
public final class TestApplication implements ServletContainerInitializer {

  /** The raw cookie the {@code /api/cookie} route writes, byte for byte. */
  public static final String COOKIE =
      "__Host-inspector=abc.def; Path=/; Secure; HttpOnly; SameSite=None; Partitioned";

  /** The detail of the exception thrown by {@code /api/boom}; it must never reach a client. */
  public static final String SECRET = "secret-internal-detail";

  private final ApiConfig apiConfig;
  private final WebSecurityConfig securityConfig;
  private final ScheduledExecutorService scheduler;
  private final TestChannels channels;

  /**
   * Creates the application.
   *
   * @param apiConfig body limit and SSE settings
   * @param securityConfig CORS and framing settings
   * @param scheduler the shared scheduler
   * @param channels where the stream route finds its channels
   */
  public TestApplication(
      ApiConfig apiConfig,
      WebSecurityConfig securityConfig,
      ScheduledExecutorService scheduler,
      TestChannels channels) {
    this.apiConfig = apiConfig;
    this.securityConfig = securityConfig;
    this.scheduler = scheduler;
    this.channels = channels;
  }

  /** The modes of {@link EchoBody}. */
  public enum Mode {
    /** Fast. */
    FAST,
    /** Slow. */
    SLOW
  }

  /**
   * The body of {@code POST /api/echo}.
   *
   * @param text required
   * @param count any integer
   * @param mode optional
   */
  public record EchoBody(@JsonProperty(required = true) String text, int count, Mode mode) {}

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    ApiRouter router =
        ApiRouter.builder()
            .get(
                "/echo/{name}",
                x -> {
                  Map<String, Object> body = new LinkedHashMap<>();
                  body.put("name", x.pathParam("name"));
                  body.put("q", x.queryParam("q").orElse(null));
                  x.respondJson(200, body);
                })
            .delete("/echo/{name}", x -> x.respondNoContent())
            .post("/echo", x -> x.respondJson(200, x.readJson(EchoBody.class)))
            .get(
                "/limit",
                x -> x.respondJson(200, Map.of("limit", x.intQueryParam("limit", 10, 1, 100))))
            .get(
                "/boom",
                x -> {
                  throw new IllegalStateException(SECRET);
                })
            .get(
                "/busy",
                x -> {
                  throw ProblemException.retryAfter(
                      ProblemCode.SERVER_BUSY, "every session is in use", Duration.ofSeconds(7));
                })
            .get(
                "/cookie",
                x -> {
                  x.response().addHeader("Set-Cookie", COOKIE);
                  x.respondNoContent();
                })
            .get(
                "/stream/{channel}",
                x -> {
                  TestChannel channel = channels.get(x.pathParam("channel"));
                  if (channel == null) {
                    throw new ProblemException(ProblemCode.NOT_FOUND, "no such channel");
                  }
                  x.respondSse(channel.subscribe(x.lastEventId()), channel::streamEnded);
                })
            .build();
    ServletRegistrations.registerFilter(
        context,
        "inspector-web-security",
        ServletRegistrations.webSecurityFilter(securityConfig),
        "/api/*");
    ServletRegistrations.registerApi(
        context, "inspector-api", ServletRegistrations.apiServlet(router, apiConfig, scheduler));
  }
}
