package dev.mcpinspector.core;

import dev.mcpinspector.core.auth.RequestGate;
import dev.mcpinspector.core.auth.SecurityConfig;
import dev.mcpinspector.core.elicitation.ElicitationBroker;
import dev.mcpinspector.core.elicitation.ElicitationConfig;
import dev.mcpinspector.core.outbound.HostResolver;
import dev.mcpinspector.core.outbound.OutboundConfig;
import dev.mcpinspector.core.outbound.OutboundPolicy;
import dev.mcpinspector.core.progress.ProgressConfig;
import dev.mcpinspector.core.progress.ProgressStore;
import dev.mcpinspector.core.ratelimit.RateLimiter;
import dev.mcpinspector.core.rpc.RpcLogBus;
import dev.mcpinspector.core.rpc.RpcLogConfig;
import dev.mcpinspector.core.session.CookieSecure;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SameSite;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.session.SessionResolver;
import dev.mcpinspector.core.store.ClientManagerStore;
import dev.mcpinspector.core.store.ManagerFactory;
import dev.mcpinspector.core.store.RemovalCause;
import dev.mcpinspector.core.store.StoreConfig;
import dev.mcpinspector.core.time.Ticker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root: one object that wires the request gate (session resolver, authenticators,
 * CSRF and origin checks), the client manager store, the event plane (RPC log, progress,
 * elicitation), the outbound policy and one shared scheduler, from one {@link InspectorConfig}.
 *
 * <p>Lifecycle rules it enforces:
 *
 * <ul>
 *   <li>a session's event-plane state is opened when the store creates its manager, and cleared
 *       when the store removes it, whatever the cause (idle, lifetime, capacity, logout, shutdown);
 *       clearing ends its streams and cancels its pending elicitations;
 *   <li>a manager removed by the store also ends the cookie session, so the browser is told on its
 *       next request that its session was renewed, instead of silently getting an empty one;
 *   <li>a cookie session ended by the resolver (logout, idle, lifetime) invalidates its manager;
 *   <li>a session holding a lease (an in-flight request or an open stream) does not idle out and is
 *       never evicted to make room;
 *   <li>session lifetime has one owner, the resolver's session table: in hosted mode the store's
 *       own expiry is off, and a session the table ends (idle, lifetime, capacity, logout) takes
 *       its manager and event-plane state with it, so the deadlines {@code GET /api/session}
 *       reports are the ones that apply.
 * </ul>
 *
 * <p>In local mode the store holds one shared manager, whose event scope is {@link
 * SessionId#LOCAL}; in hosted mode each session has its own. Thread-safe. {@link #close()} shuts
 * everything down in order: expiry tasks, managers, event plane, scheduler.
 *
 * @param <M> the client manager type
 */
public final class Inspector<M extends AutoCloseable> implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Inspector.class.getName());

  private final InspectorConfig config;
  private final Clock clock;
  private final Ticker ticker;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final RequestGate gate;
  private final RpcLogBus rpcLog;
  private final ProgressStore progress;
  private final ElicitationBroker elicitations;
  private final OutboundPolicy outbound;
  private final ClientManagerStore<M> store;
  private final RateLimiter callLimiter;
  private final RateLimiter connectLimiter;
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private final List<AutoCloseable> resources;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Inspector(Builder<M> b) {
    this.config = b.config;
    this.clock = b.clock;
    this.ticker = b.ticker;
    this.ownsScheduler = b.scheduler == null;
    this.resources = List.copyOf(b.resources);
    this.scheduler = ownsScheduler ? newScheduler() : b.scheduler;
    try {
      this.rpcLog =
          RpcLogBus.create(
              RpcLogConfig.builder()
                  .capacityPerServer(config.rpcLogCapacity())
                  .maxBytes(config.rpcLogMaxBytes())
                  .maxEventBytes(config.rpcLogMaxEventBytes())
                  .maxSubscribersPerSession(config.streamsPerSession())
                  .subscriberStallTimeout(config.streamStallTimeout())
                  .build(),
              scheduler,
              clock,
              ticker);
      this.progress =
          ProgressStore.create(
              ProgressConfig.builder()
                  .staleAfter(config.progressStaleAfter())
                  .maxTokensPerSession(config.progressMaxTokens())
                  .maxSubscribersPerSession(config.streamsPerSession())
                  .subscriberStallTimeout(config.streamStallTimeout())
                  .build(),
              scheduler,
              clock,
              ticker);
      this.elicitations =
          ElicitationBroker.create(
              ElicitationConfig.builder()
                  .timeout(config.elicitationTimeout())
                  .maxPendingPerSession(config.elicitationMaxPending())
                  .maxSubscribersPerSession(config.streamsPerSession())
                  .subscriberStallTimeout(config.streamStallTimeout())
                  .build(),
              scheduler,
              clock,
              ticker);
      this.outbound = OutboundPolicy.create(outboundConfig(config), b.hostResolver);
      this.callLimiter = RateLimiter.create(config.callRateLimit(), ticker);
      this.connectLimiter = RateLimiter.create(config.connectRateLimit(), ticker);
      ManagerFactory<M> managers =
          b.managers.create(new Context(config, rpcLog, progress, elicitations, outbound));
      ManagerFactory<M> opening = this::openAndCreate;
      this.factory = Objects.requireNonNull(managers, "the manager factory provider returned null");
      this.store =
          config.mode() == Mode.LOCAL
              ? ClientManagerStore.singleton(opening)
              : ClientManagerStore.perSession(storeConfig(config, ticker, scheduler), opening);
      this.gate = RequestGate.create(securityConfig(config), ticker, clock, store::isLeased);
      store.addRemovalListener(this::onManagerRemoved);
      if (config.mode() == Mode.HOSTED) {
        // In local mode every browser shares one manager: one browser's session ending must
        // not take it from the others.
        gate.sessions().addListener((id, principal, reason) -> store.invalidate(id));
      }
      long sweepNanos = config.sweepInterval().toNanos();
      tasks.add(
          scheduler.scheduleWithFixedDelay(
              this::sweepSessions, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS));
    } catch (RuntimeException e) {
      for (AutoCloseable r : resources) {
        closeQuietly("resource " + r.getClass().getSimpleName(), r);
      }
      if (ownsScheduler) {
        scheduler.shutdownNow();
      }
      throw e;
    }
  }

  private final ManagerFactory<M> factory;

  /**
   * Starts building an inspector.
   *
   * @param config the configuration
   * @param managers creates the factory of client managers from the inspector's components
   * @param <M> the client manager type
   * @return a builder
   */
  public static <M extends AutoCloseable> Builder<M> builder(
      InspectorConfig config, ManagerFactoryProvider<M> managers) {
    return new Builder<>(config, managers);
  }

  private M openAndCreate(SessionId session, Principal principal) throws Exception {
    rpcLog.open(session);
    progress.open(session);
    elicitations.open(session);
    try {
      return factory.create(session, principal);
    } catch (Exception | Error e) {
      clearEvents(session);
      throw e;
    }
  }

  private void onManagerRemoved(SessionId session, Principal principal, RemovalCause cause) {
    clearEvents(session);
    if (!session.equals(SessionId.LOCAL)) {
      gate.sessions().end(session);
    }
  }

  private void clearEvents(SessionId session) {
    rpcLog.clearSession(session);
    progress.clearSession(session);
    elicitations.clearSession(session);
  }

  private void sweepSessions() {
    try {
      gate.sessions().sweep();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "session sweep failed", e);
    }
  }

  /**
   * The configuration it was built from.
   *
   * @return the configuration
   */
  public InspectorConfig config() {
    return config;
  }

  /**
   * The deployment mode.
   *
   * @return local or hosted
   */
  public Mode mode() {
    return config.mode();
  }

  /**
   * The front door: every per-request rule, login and logout.
   *
   * @return the request gate
   */
  public RequestGate gate() {
    return gate;
  }

  /**
   * The session resolver behind the gate.
   *
   * @return the resolver
   */
  public SessionResolver sessions() {
    return gate.sessions();
  }

  /**
   * The client manager store.
   *
   * @return the store
   */
  public ClientManagerStore<M> store() {
    return store;
  }

  /**
   * The RPC log.
   *
   * @return the bus
   */
  public RpcLogBus rpcLog() {
    return rpcLog;
  }

  /**
   * The progress store.
   *
   * @return the store
   */
  public ProgressStore progress() {
    return progress;
  }

  /**
   * The elicitation broker.
   *
   * @return the broker
   */
  public ElicitationBroker elicitations() {
    return elicitations;
  }

  /**
   * The outbound policy.
   *
   * @return the policy
   */
  public OutboundPolicy outbound() {
    return outbound;
  }

  /**
   * The per-principal limit on MCP calls ({@code INSPECTOR_CALL_RATE_LIMIT}); the engine takes a
   * token keyed by {@code principal.key()} before each call and answers {@code 429 rate_limited}
   * with {@code Retry-After} when refused.
   *
   * @return the limiter
   */
  public RateLimiter callLimiter() {
    return callLimiter;
  }

  /**
   * The per-principal limit on MCP server connects ({@code INSPECTOR_CONNECT_RATE_LIMIT}), used
   * like {@link #callLimiter()}.
   *
   * @return the limiter
   */
  public RateLimiter connectLimiter() {
    return connectLimiter;
  }

  /**
   * The one shared scheduler: expiry sweeps, timeouts, SSE heartbeats and drains.
   *
   * @return the scheduler
   */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * The wall clock used for timestamps.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The monotonic time source used for expiry.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Figures of every component, for {@code GET /api/admin/stats}.
   *
   * @return the figures now
   */
  public InspectorStats stats() {
    return new InspectorStats(
        config.mode(),
        gate.sessions().boundSessionCount(),
        store.stats(),
        rpcLog.stats(),
        progress.stats(),
        elicitations.stats(),
        callLimiter.stats(),
        connectLimiter.stats());
  }

  /** Shuts everything down, in order; idempotent. Never throws. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    tasks.forEach(t -> t.cancel(false));
    closeQuietly("store", store);
    closeQuietly("rpc log", rpcLog);
    closeQuietly("progress store", progress);
    closeQuietly("elicitation broker", elicitations);
    for (AutoCloseable r : resources) {
      closeQuietly("resource " + r.getClass().getSimpleName(), r);
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  private static void closeQuietly(String what, AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "closing the " + what + " failed", e);
    }
  }

  private static ScheduledExecutorService newScheduler() {
    AtomicInteger n = new AtomicInteger();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    return Executors.newScheduledThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "inspector-scheduler-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  static StoreConfig storeConfig(
      InspectorConfig c, Ticker ticker, ScheduledExecutorService scheduler) {
    // The session table of the resolver owns idle and absolute expiry (one owner of session
    // lifetime): it ends the session, and its listener invalidates the manager. The store only
    // holds managers and their leases, which pin the session in the table.
    return StoreConfig.builder()
        .noExpiry()
        .maxSessions(c.maxSessions())
        .maxSessionsPerPrincipal(Math.min(c.maxSessionsPerPrincipal(), c.maxSessions()))
        .sweepInterval(c.sweepInterval())
        .disposeTimeout(c.disposeTimeout())
        .ticker(ticker)
        .scheduler(scheduler)
        .build();
  }

  static OutboundConfig outboundConfig(InspectorConfig c) {
    OutboundConfig.Builder b =
        OutboundConfig.builder().mode(c.mode()).maxServersPerSession(c.maxServersPerSession());
    for (String entry : c.outboundAllow()) {
      try {
        b.allow(entry);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            OutboundConfig.ENV_OUTBOUND_ALLOW + ": " + e.getMessage(), e);
      }
    }
    return b.build();
  }

  static SecurityConfig securityConfig(InspectorConfig c) {
    SecurityConfig.Builder b =
        SecurityConfig.builder()
            .mode(c.mode())
            .idleTimeout(c.sessionIdleTimeout())
            .maxLifetime(c.sessionMaxLifetime())
            .maxBoundSessions(c.maxBoundSessions())
            .maxSessionsPerPrincipal(c.maxSessionsPerPrincipal())
            .cookieSameSite(SameSite.parse(c.cookieSameSite()))
            .cookieSecure(CookieSecure.parse(c.cookieSecure()))
            .cookiePartitioned(c.cookiePartitioned())
            .jwtLeeway(c.jwtLeeway())
            .jwtMaxLifetime(c.jwtMaxLifetime())
            .loginFailureLimit(c.loginFailureLimit(), c.loginFailureWindow());
    if (!c.signingKeys().isEmpty()) {
      b.signingKeys(String.join(",", c.signingKeys()));
    }
    c.cookieName().ifPresent(b::cookieName);
    c.cookieMaxAge().ifPresent(b::cookieMaxAge);
    if (!c.trustedProxies().isEmpty()) {
      b.trustedProxies(String.join(",", c.trustedProxies()));
    }
    if (!c.allowedHosts().isEmpty()) {
      b.allowedHosts(String.join(",", c.allowedHosts()));
    }
    if (!c.allowedOrigins().isEmpty()) {
      b.allowedOrigins(String.join(",", c.allowedOrigins()));
    }
    c.accessKeys().ifPresent(b::accessKeys);
    c.identityHeader().ifPresent(b::identityHeader);
    c.jwtSecret().ifPresent(b::jwtSecret);
    if (!c.jwtPublicKeys().isEmpty()) {
      b.jwtPublicKeys(String.join(",", c.jwtPublicKeys()));
    }
    c.jwtIssuer().ifPresent(b::jwtIssuer);
    c.jwtAudience().ifPresent(b::jwtAudience);
    if (!c.admins().isEmpty()) {
      b.admins(String.join(",", c.admins()));
    }
    return b.build();
  }

  /**
   * What a manager factory may use: the event plane the managers publish to and the outbound policy
   * they must obey.
   *
   * @param config the configuration
   * @param rpcLog the RPC log
   * @param progress the progress store
   * @param elicitations the elicitation broker
   * @param outbound the outbound policy
   */
  public record Context(
      InspectorConfig config,
      RpcLogBus rpcLog,
      ProgressStore progress,
      ElicitationBroker elicitations,
      OutboundPolicy outbound) {}

  /**
   * Creates the client manager factory once the components it needs exist.
   *
   * @param <M> the client manager type
   */
  @FunctionalInterface
  public interface ManagerFactoryProvider<M extends AutoCloseable> {
    /**
     * Creates the factory.
     *
     * @param context the components
     * @return the factory; never null
     */
    ManagerFactory<M> create(Context context);
  }

  /**
   * Builds an {@link Inspector}. Not thread-safe.
   *
   * @param <M> the client manager type
   */
  public static final class Builder<M extends AutoCloseable> {
    private final InspectorConfig config;
    private final ManagerFactoryProvider<M> managers;
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.system();
    private ScheduledExecutorService scheduler;
    private HostResolver hostResolver = HostResolver.system();
    private final List<AutoCloseable> resources = new ArrayList<>();

    private Builder(InspectorConfig config, ManagerFactoryProvider<M> managers) {
      this.config = Objects.requireNonNull(config, "config must not be null");
      this.managers = Objects.requireNonNull(managers, "managers must not be null");
    }

    /**
     * Sets the wall clock (tests use a fake one).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder<M> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock must not be null");
      return this;
    }

    /**
     * Sets the monotonic time source (tests use a fake one).
     *
     * @param ticker the ticker
     * @return this builder
     */
    public Builder<M> ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
      return this;
    }

    /**
     * Uses a scheduler owned by the caller instead of creating one; {@link Inspector#close()} then
     * leaves it running.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder<M> scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
      return this;
    }

    /**
     * Sets how the outbound policy resolves host names (tests make a name resolve to loopback).
     *
     * @param resolver the resolver
     * @return this builder
     */
    public Builder<M> hostResolver(HostResolver resolver) {
      this.hostResolver = Objects.requireNonNull(resolver, "hostResolver must not be null");
      return this;
    }

    /**
     * Adds a resource the inspector closes on {@link Inspector#close()}, after the managers and the
     * event plane (for example a shared outbound HTTP client), and also when building fails.
     *
     * @param resource the resource
     * @return this builder
     */
    public Builder<M> closeOnShutdown(AutoCloseable resource) {
      resources.add(Objects.requireNonNull(resource, "resource must not be null"));
      return this;
    }

    /**
     * Builds and starts the inspector (its expiry tasks run from now on).
     *
     * @return the inspector
     * @throws IllegalArgumentException when the configuration cannot work, with a message that
     *     names the option and says how to fix it (for example hosted mode without signing keys)
     */
    public Inspector<M> build() {
      return new Inspector<>(this);
    }
  }
}
