package dev.mcpinspector.servlet.front;

import dev.mcpinspector.core.Inspector;
import dev.mcpinspector.core.Mode;
import dev.mcpinspector.core.auth.Admission;
import dev.mcpinspector.core.auth.RequestGate;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.store.ClientManagerStore;
import dev.mcpinspector.core.store.Lease;
import dev.mcpinspector.core.store.ManagerCreationException;
import dev.mcpinspector.core.store.StoreFullException;
import dev.mcpinspector.servlet.InspectorRequest;
import dev.mcpinspector.servlet.api.SessionRoutes;
import dev.mcpinspector.servlet.problem.Problems;
import dev.mcpinspector.servlet.routing.RouteTable;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of {@code /api/*}: runs the request gate, emits the session cookie, leases the
 * session's client manager for routes that work on it, and releases the lease exactly once when the
 * request ends (at the end of the dispatch, or for an async request such as an SSE stream when its
 * async context completes, fails or times out).
 *
 * <p>Paths by kind:
 *
 * <ul>
 *   <li>{@code /api/health}: only the {@code Host} check; no cookie, no session, no manager;
 *   <li>{@code /api/session}, {@code /api/login}, {@code /api/logout}: the gate, no lease (they
 *       work without a principal and create no manager);
 *   <li>every other route: the gate, a principal in hosted mode ({@code 401 unauthenticated}), and
 *       a store lease;
 *   <li>paths no route serves: the gate only; the servlet answers 404 or 405.
 * </ul>
 *
 * Runs on {@code REQUEST} dispatches only; any other dispatch (or a second pass over the same
 * request) goes straight down the chain.
 *
 * <p>Internal to the servlet adapter: public only so that its sibling packages can use it; not part
 * of the API.
 */
public final class InspectorFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(InspectorFilter.class);

  private final transient RequestGate gate;
  private final transient ClientManagerStore<?> store;
  private final transient RouteTable router;
  private final boolean hosted;

  /**
   * Creates the front door.
   *
   * @param inspector the inspector whose gate and store it uses
   * @param router the routes, to tell which paths need a lease
   */
  public InspectorFilter(Inspector<?> inspector, RouteTable router) {
    this.gate = inspector.gate();
    this.store = inspector.store();
    this.router = router;
    this.hosted = inspector.mode() == Mode.HOSTED;
  }

  /** What a path needs from the front door. */
  enum Kind {
    /** {@code /api/health}: the Host check only. */
    HEALTH,
    /** Session routes: admission without a lease. */
    SESSION,
    /** A route working on the session's manager or events: admission, principal, lease. */
    LEASED,
    /** No route serves the path (or not for this method): admission only. */
    UNROUTED
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    if (req.getDispatcherType() != DispatcherType.REQUEST
        || req.getAttribute(InspectorRequest.ATTRIBUTE) != null) {
      chain.doFilter(req, resp);
      return;
    }
    Kind kind = classify(req);
    ServletRequestView view = new ServletRequestView(req);
    Lease<?> lease;
    try {
      if (kind == Kind.HEALTH) {
        gate.checkHost(gate.effective(view));
        lease = null;
      } else {
        lease = admit(view, kind, req, resp);
      }
    } catch (ProblemException e) {
      Problems.write(resp, e);
      return;
    } catch (RuntimeException e) {
      log.error("the front door failed on {} {}", req.getMethod(), req.getRequestURI(), e);
      Problems.write(resp, Problems.internalError());
      return;
    }
    if (lease == null) {
      chain.doFilter(req, resp);
      return;
    }
    Release release = new Release(lease);
    ReleasingRequest wrapped = new ReleasingRequest(req, release);
    try {
      chain.doFilter(wrapped, resp);
    } finally {
      if (!wrapped.asyncStarted) {
        release.run();
      }
    }
  }

  private Lease<?> admit(
      ServletRequestView view, Kind kind, HttpServletRequest req, HttpServletResponse resp) {
    Admission admission = gate.admit(view);
    admission
        .session()
        .setCookie()
        .ifPresent(
            cookie -> {
              resp.addHeader("Set-Cookie", cookie);
              resp.setHeader("Cache-Control", "no-store");
            });
    Lease<?> lease = kind == Kind.LEASED ? acquire(admission) : null;
    req.setAttribute(InspectorRequest.ATTRIBUTE, new InspectorRequest(admission, lease));
    return lease;
  }

  private Lease<?> acquire(Admission admission) {
    Principal principal = hosted ? admission.requirePrincipal() : admission.principal();
    try {
      return store.acquire(admission.session().sessionId(), principal);
    } catch (StoreFullException e) {
      log.info("refused a new session: {}", e.getMessage());
      throw ProblemException.retryAfter(
          ProblemCode.SERVER_BUSY,
          "every session of this server is in use; try again later",
          e.retryAfter());
    } catch (ManagerCreationException e) {
      // The factory builds a local object and contacts no MCP server: its failure is ours (500),
      // not an upstream failure (502).
      log.error("could not create the client manager of a session", e);
      throw Problems.internalError();
    } catch (IllegalStateException e) {
      log.info("refused a request while the store is closed: {}", e.getMessage());
      throw ProblemException.retryAfter(
          ProblemCode.SERVER_BUSY,
          "the inspector is shutting down; try again later",
          Duration.ofSeconds(5));
    }
  }

  private Kind classify(HttpServletRequest req) {
    List<String> segments;
    try {
      segments = RouteTable.segments(req);
    } catch (ProblemException e) {
      return Kind.UNROUTED;
    }
    if (segments.size() == 1) {
      switch (segments.get(0)) {
        case SessionRoutes.HEALTH:
          return Kind.HEALTH;
        case SessionRoutes.SESSION:
        case SessionRoutes.LOGIN:
        case SessionRoutes.LOGOUT:
          return Kind.SESSION;
        default:
          break;
      }
    }
    return router.serves(req.getMethod(), segments) ? Kind.LEASED : Kind.UNROUTED;
  }

  /** Closes the lease once, whichever of dispatch end, completion, error or timeout comes first. */
  static final class Release implements AsyncListener, Runnable {
    private final Lease<?> lease;
    private final AtomicBoolean done = new AtomicBoolean();

    Release(Lease<?> lease) {
      this.lease = lease;
    }

    @Override
    public void run() {
      if (done.compareAndSet(false, true)) {
        lease.close();
      }
    }

    @Override
    public void onComplete(AsyncEvent event) {
      run();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      run();
    }

    @Override
    public void onError(AsyncEvent event) {
      run();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // A restarted async cycle drops its listeners; stay registered for the new cycle.
      event.getAsyncContext().addListener(this);
    }
  }

  /**
   * Registers the release on the async context the moment the request goes async, so that no
   * completion can happen before the listener is in place.
   */
  static final class ReleasingRequest extends HttpServletRequestWrapper {
    private final Release release;
    volatile boolean asyncStarted;

    ReleasingRequest(HttpServletRequest request, Release release) {
      super(request);
      this.release = release;
    }

    @Override
    public AsyncContext startAsync() {
      return listen(super.startAsync());
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
      return listen(super.startAsync(request, response));
    }

    private AsyncContext listen(AsyncContext async) {
      if (!asyncStarted) {
        async.addListener(release);
        asyncStarted = true;
      }
      return async;
    }
  }
}
