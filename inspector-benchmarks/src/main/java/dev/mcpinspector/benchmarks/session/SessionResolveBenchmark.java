package dev.mcpinspector.benchmarks.session;

import dev.mcpinspector.benchmarks.store.NoopManager;
import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.auth.Admission;
import dev.mcpinspector.core.auth.RequestGate;
import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.Resolution;
import dev.mcpinspector.core.session.SessionResolver;
import dev.mcpinspector.core.store.ClientManagerStore;
import dev.mcpinspector.core.store.Lease;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-request cost of the front door without network: the trusted-proxy rule, the {@code Host}
 * check, authentication (none sent), verifying the signed cookie, resolving the session and leasing
 * the session's client manager from the store, as the servlet filter runs them for every API
 * request. The gate and the store are wired by the real composition root ({@link Inspector}, hosted
 * mode).
 *
 * <ul>
 *   <li>{@code requestBound}: the whole per-request work of a logged-in API call: {@link
 *       RequestGate#admit}, then {@link ClientManagerStore#acquire} and {@link Lease#close()} (the
 *       figure the 2 us target is about).
 *   <li>{@code acquireRelease}: the store lease alone, for an existing session.
 *   <li>{@code admitBound}: {@link RequestGate#admit} for a GET with a logged-in (bound) cookie.
 *   <li>{@code admitPreSession}: the same with a pre-login (stateless) cookie, as every local-mode
 *       request has; it computes the CSRF token (one more HMAC) per request.
 *   <li>{@code resolveBound}: {@link SessionResolver#resolve} alone, on a precomputed effective
 *       request.
 *   <li>{@code admitPostBound}: an unsafe request: origin and CSRF checks on top.
 * </ul>
 *
 * Run (one thread, then two):
 *
 * <pre>
 * java -jar inspector-benchmarks/target/benchmarks.jar SessionResolveBenchmark -t 1
 * java -jar inspector-benchmarks/target/benchmarks.jar SessionResolveBenchmark -t 2
 * </pre>
 *
 * Smoke run: add {@code -f 1 -wi 1 -i 1 -w 1s -r 1s}. The figure to watch is {@code p0.50} of the
 * sample-time mode (target: at most 2 us on one thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SessionResolveBenchmark {

  private static final String HOST = "inspector.example.com";

  private Inspector<NoopManager> inspector;
  private RequestGate gate;
  private ClientManagerStore<NoopManager> store;
  private Resolution boundSession;
  private RequestView boundGet;
  private RequestView preGet;
  private RequestView boundPost;
  private EffectiveRequest boundEffective;

  /** Logs a user in once and prepares the requests every iteration reuses. */
  @Setup(Level.Trial)
  public void setUp() {
    InspectorConfig config =
        InspectorConfig.builder()
            .mode(Mode.HOSTED)
            .signingKeys(List.of("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="))
            .accessKeys("alice=alice-key-0123456789")
            .allowedHosts(List.of(HOST))
            .trustedProxies(List.of("10.0.0.0/8"))
            .build();
    inspector =
        Inspector.builder(config, ctx -> (session, principal) -> NoopManager.INSTANCE).build();
    gate = inspector.gate();
    store = inspector.store();
    Resolution pre = gate.admit(get(null)).session();
    preGet = get(pre);
    Admission login =
        gate.admit(
            RequestView.builder()
                .method("POST")
                .scheme("https")
                .header("Host", HOST)
                .header("Cookie", cookie(pre))
                .header(SessionResolver.CSRF_HEADER, pre.csrfToken())
                .remoteAddress("203.0.113.9")
                .build());
    Resolution bound = gate.login(login, "alice-key-0123456789");
    boundGet = get(bound);
    boundSession = bound;
    boundPost =
        RequestView.builder()
            .method("POST")
            .scheme("https")
            .path("/api/servers")
            .header("Host", HOST)
            .header("Origin", "https://" + HOST)
            .header("Cookie", cookie(bound))
            .header(SessionResolver.CSRF_HEADER, bound.csrfToken())
            .remoteAddress("203.0.113.9")
            .build();
    boundEffective = gate.effective(boundGet);
    Principal p = gate.admit(boundGet).principal();
    if (p == null || gate.admit(preGet).principal() != null) {
      throw new IllegalStateException("benchmark set-up did not produce the expected sessions");
    }
    requestBound();
  }

  /** Closes the inspector (store, scheduler). */
  @TearDown(Level.Trial)
  public void tearDown() {
    inspector.close();
  }

  private static RequestView get(Resolution session) {
    RequestView.Builder b =
        RequestView.builder()
            .scheme("https")
            .path("/api/servers")
            .header("Host", HOST)
            .header("Accept", "application/json")
            .remoteAddress("203.0.113.9");
    if (session != null) {
      b.header("Cookie", "_ga=GA1.2.3; " + cookie(session) + "; theme=dark");
    }
    return b.build();
  }

  private static String cookie(Resolution r) {
    String h = r.setCookie().orElseThrow();
    return h.substring(0, h.indexOf(';'));
  }

  /**
   * Full gate for a logged-in GET.
   *
   * @return the admission
   */
  @Benchmark
  public Admission admitBound() {
    return gate.admit(boundGet);
  }

  /**
   * Full gate for a pre-login GET (local mode's every request).
   *
   * @return the admission
   */
  @Benchmark
  public Admission admitPreSession() {
    return gate.admit(preGet);
  }

  /**
   * Full gate for a logged-in POST with origin and CSRF checks.
   *
   * @return the admission
   */
  @Benchmark
  public Admission admitPostBound() {
    return gate.admit(boundPost);
  }

  /**
   * Cookie verification and registry lookup only.
   *
   * @return the resolution
   */
  @Benchmark
  public Resolution resolveBound() {
    return gate.sessions().resolve(boundEffective, null);
  }

  /**
   * The whole per-request work of a logged-in API call: gate, then lease and release the session's
   * manager, as the servlet filter does around the handler.
   *
   * @return the manager the handler would use
   */
  @Benchmark
  public NoopManager requestBound() {
    Admission admission = gate.admit(boundGet);
    try (Lease<NoopManager> lease =
        store.acquire(admission.session().sessionId(), admission.principal())) {
      return lease.manager();
    }
  }

  /**
   * Store lease and release alone, for an existing session.
   *
   * @return the manager
   */
  @Benchmark
  public NoopManager acquireRelease() {
    try (Lease<NoopManager> lease =
        store.acquire(boundSession.sessionId(), boundSession.principal())) {
      return lease.manager();
    }
  }
}
