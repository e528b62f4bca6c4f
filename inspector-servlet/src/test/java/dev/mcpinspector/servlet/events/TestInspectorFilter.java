package dev.mcpinspector.servlet.events;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.auth.Admission;
import dev.mcpinspector.core.auth.AuthResult;
import dev.mcpinspector.core.http.EffectiveRequest;
import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.Resolution;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.store.Lease;
import dev.mcpinspector.servlet.InspectorRequest;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands in for the inspector filter of {@code InspectorServlets.register}: the user is named by
 * the test header {@code X-Test-User} (each user has one fixed session), the client address by
 * {@code X-Test-Address}. It acquires the session's lease and releases it when the request, or its
 * async stream, completes, as the real filter does.
 */
final class TestInspectorFilter implements Filter {

  static final String USER = "X-Test-User";
  static final String ADDRESS = "X-Test-Address";

  private final Inspector<?> inspector;
  private final Map<String, SessionId> sessions = new ConcurrentHashMap<>();

  TestInspectorFilter(Inspector<?> inspector) {
    this.inspector = inspector;
  }

  SessionId session(String user) {
    return sessions.computeIfAbsent(user, u -> SessionId.generate());
  }

  static Principal principal(String user) {
    return new Principal(
        "test", user, null, user.startsWith("admin") ? Set.of(Principal.ADMIN_ROLE) : Set.of());
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) req;
    String user = Optional.ofNullable(http.getHeader(USER)).orElse("alice");
    String address = Optional.ofNullable(http.getHeader(ADDRESS)).orElse(req.getRemoteAddr());
    SessionId session = session(user);
    Principal principal = principal(user);
    RequestView view =
        RequestView.builder()
            .method(http.getMethod())
            .scheme("http")
            .path(http.getRequestURI())
            .remoteAddress(address)
            .build();
    Instant now = Instant.now();
    Admission admission =
        new Admission(
            new EffectiveRequest(view, "http", "localhost", address, false),
            AuthResult.authenticated(principal, false),
            new Resolution(
                session,
                principal,
                "csrf",
                inspector.mode(),
                now,
                now.plusSeconds(60),
                now.plusSeconds(60),
                false,
                Optional.empty()));
    Lease<?> lease = inspector.store().acquire(session, principal);
    AtomicBoolean released = new AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            lease.close();
          }
        };
    req.setAttribute(InspectorRequest.ATTRIBUTE, new InspectorRequest(admission, lease));
    try {
      chain.doFilter(req, resp);
    } finally {
      if (req.isAsyncStarted()) {
        req.getAsyncContext().addListener(new Release(release));
      } else {
        release.run();
      }
    }
  }

  private record Release(Runnable release) implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {
      release.run();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      release.run();
    }

    @Override
    public void onError(AsyncEvent event) {
      release.run();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // not restarted
    }
  }
}
