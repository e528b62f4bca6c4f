package dev.mcpinspector.servlet;

import dev.mcpinspector.core.auth.Admission;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.store.Lease;
import dev.mcpinspector.servlet.routing.ApiExchange;
import java.util.Objects;

/**
 * What the inspector filter established for one {@code /api} request: the admission (session,
 * principal, CSRF state) and, for routes that work on a client manager or the event plane, the
 * store lease that pins the session until the request (or its stream) ends.
 *
 * <p>The filter stores it as the request attribute {@link #ATTRIBUTE}; handlers read it with {@link
 * #of(ApiExchange)}.
 *
 * @param admission the gate's admission of the request
 * @param lease the lease on the session's client manager, or null for routes that need none ({@code
 *     /api/health}, {@code /api/session}, {@code /api/login}, {@code /api/logout})
 */
public record InspectorRequest(Admission admission, Lease<?> lease) {

  /** The request attribute under which the filter stores it. */
  public static final String ATTRIBUTE = InspectorRequest.class.getName();

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param admission see the record description
   * @param lease see the record description
   */
  public InspectorRequest {
    Objects.requireNonNull(admission, "admission must not be null");
  }

  /**
   * The inspector request of an exchange.
   *
   * @param exchange the exchange
   * @return the request established by the filter
   * @throws IllegalStateException when the inspector filter did not run for this request (a
   *     registration mistake, reported as a 500 without details)
   */
  public static InspectorRequest of(ApiExchange exchange) {
    Object value = exchange.request().getAttribute(ATTRIBUTE);
    if (value instanceof InspectorRequest r) {
      return r;
    }
    throw new IllegalStateException(
        "no InspectorRequest on this request: register the API with InspectorServlets.register");
  }

  /**
   * The event scope of this request: the session in hosted mode, {@link SessionId#LOCAL} in local
   * mode.
   *
   * @return the scope
   * @throws ProblemException {@code 401 unauthenticated} when the route has no lease
   */
  public SessionId scope() {
    return requireLease().session();
  }

  /**
   * The session's client manager.
   *
   * @param type the manager type the route expects
   * @param <M> the manager type
   * @return the manager, pinned by the lease until the request ends
   * @throws ProblemException {@code 401 unauthenticated} when the route has no lease
   * @throws IllegalStateException when the manager is not of the expected type
   */
  public <M> M manager(Class<M> type) {
    return type.cast(requireLease().manager());
  }

  private Lease<?> requireLease() {
    if (lease == null) {
      throw new ProblemException(ProblemCode.UNAUTHENTICATED, "this route needs a session");
    }
    return lease;
  }
}
