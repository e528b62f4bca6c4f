package dev.mcpinspector.core.auth;

import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.session.Resolution;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.session.SessionResolver;
import dev.mcpinspector.core.time.Ticker;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

final class DefaultRequestGate implements RequestGate {

  private static final System.Logger LOG = System.getLogger(DefaultRequestGate.class.getName());

  private final SecurityConfig config;
  private final Authenticator authenticator;
  private final SessionResolver resolver;
  private final LoginRateLimiter limiter;

  DefaultRequestGate(
      SecurityConfig config, Ticker ticker, Clock clock, Predicate<SessionId> pinned) {
    this.config = Objects.requireNonNull(config, "config must not be null");
    this.authenticator = config.authenticator(clock);
    this.resolver = SessionResolver.create(config.session(), ticker, clock, pinned);
    this.limiter =
        LoginRateLimiter.create(
            config.loginFailureLimit(),
            config.loginFailureWindow(),
            config.maxTrackedClients(),
            ticker);
  }

  @Override
  public EffectiveRequest effective(RequestView request) {
    return config.trustedProxies().effective(request);
  }

  @Override
  public void checkHost(EffectiveRequest request) {
    config.allowedHosts().check(request);
  }

  @Override
  public Admission admit(RequestView raw) {
    EffectiveRequest request = effective(raw);
    checkHost(request);
    boolean credentials = !raw.headers("Authorization").isEmpty();
    if (credentials) {
      limiter.checkAllowed(request.clientAddress());
    }
    AuthResult auth = authenticator.authenticate(request);
    if (auth.isFailed()) {
      if (credentials) {
        limiter.recordFailure(request.clientAddress());
      }
      LOG.log(
          Level.INFO, "refused credentials from {0}: {1}", request.clientAddress(), auth.failure());
      throw new ProblemException(
          ProblemCode.UNAUTHENTICATED,
          "the credentials sent with this request were not accepted",
          Map.of("WWW-Authenticate", "Bearer"));
    }
    boolean unsafe = request.unsafeMethod();
    if (unsafe) {
      config.allowedOrigins().check(request);
    }
    Resolution session =
        resolver.resolve(request, auth.isAuthenticated() ? auth.principal() : null);
    if (unsafe && !(auth.isAuthenticated() && auth.explicit())) {
      try {
        resolver.checkCsrf(request, session);
      } catch (ProblemException e) {
        throw withCookie(e, session.setCookie());
      }
    }
    return new Admission(request, auth, session);
  }

  private static ProblemException withCookie(ProblemException e, Optional<String> setCookie) {
    if (setCookie.isEmpty()) {
      return e;
    }
    Map<String, String> headers = new LinkedHashMap<>(e.headers());
    headers.put("Set-Cookie", setCookie.get());
    headers.put("Cache-Control", "no-store");
    return new ProblemException(e.problem(), e.detail(), headers);
  }

  @Override
  public Resolution login(Admission admission, String accessKey) {
    Objects.requireNonNull(admission, "admission must not be null");
    if (accessKey == null || accessKey.isBlank()) {
      throw new ProblemException(
          ProblemCode.BAD_REQUEST,
          "the body must be {\"accessKey\": \"...\"} with a non-empty key");
    }
    String client = admission.request().clientAddress();
    limiter.checkAllowed(client);
    Optional<String> name = config.accessKeys().match(accessKey);
    if (name.isEmpty()) {
      limiter.recordFailure(client);
      LOG.log(Level.INFO, "refused access key from {0}", client);
      throw new ProblemException(ProblemCode.UNAUTHENTICATED, "the access key was not accepted");
    }
    return resolver.login(
        admission.request(),
        admission.session(),
        config.accessKeys().principal(name.get(), config.admins()));
  }

  @Override
  public String logout(Admission admission) {
    Objects.requireNonNull(admission, "admission must not be null");
    return resolver.logout(admission.request(), admission.session());
  }

  @Override
  public SessionResolver sessions() {
    return resolver;
  }

  @Override
  public SecurityConfig config() {
    return config;
  }

  @Override
  public String toString() {
    return "RequestGate[" + config + "]";
  }
}
