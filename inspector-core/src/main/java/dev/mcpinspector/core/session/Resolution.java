package dev.mcpinspector.core.session;

import dev.mcpinspector.core.Mode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The session a request belongs to: everything {@code GET /api/session} returns, plus the id (for
 * server-side use only) and the {@code Set-Cookie} header to emit.
 *
 * @param sessionId the session id; never put it in a body or a log line
 * @param principal the principal the session is bound to, or null for a pre-login session
 * @param csrfToken the token required in {@code X-Inspector-CSRF} on unsafe requests
 * @param mode the deployment mode
 * @param createdAt when the session began
 * @param idleExpiresAt when it ends without further requests
 * @param absoluteExpiresAt when it ends regardless
 * @param renewed true when the request presented a validly signed cookie whose session had ended
 * @param setCookie the {@code Set-Cookie} header value to send, if any (add {@code Cache-Control:
 *     no-store} with it)
 */
public record Resolution(
    SessionId sessionId,
    Principal principal,
    String csrfToken,
    Mode mode,
    Instant createdAt,
    Instant idleExpiresAt,
    Instant absoluteExpiresAt,
    boolean renewed,
    Optional<String> setCookie) {

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param sessionId see the record description
   * @param principal see the record description
   * @param csrfToken see the record description
   * @param mode see the record description
   * @param createdAt see the record description
   * @param idleExpiresAt see the record description
   * @param absoluteExpiresAt see the record description
   * @param renewed see the record description
   * @param setCookie see the record description
   */
  public Resolution {
    Objects.requireNonNull(sessionId, "sessionId must not be null");
    Objects.requireNonNull(csrfToken, "csrfToken must not be null");
    Objects.requireNonNull(mode, "mode must not be null");
    Objects.requireNonNull(createdAt, "createdAt must not be null");
    Objects.requireNonNull(idleExpiresAt, "idleExpiresAt must not be null");
    Objects.requireNonNull(absoluteExpiresAt, "absoluteExpiresAt must not be null");
    Objects.requireNonNull(setCookie, "setCookie must not be null");
  }

  /**
   * Whether the session is bound to a principal (after login or per-request authentication).
   *
   * @return true when {@link #principal()} is not null
   */
  public boolean authenticated() {
    return principal != null;
  }

  /** Returns a description with the id, token and cookie masked. */
  @Override
  public String toString() {
    return "Resolution[sessionId=<masked>, principal="
        + principal
        + ", csrfToken=<masked>, mode="
        + mode.wireName()
        + ", createdAt="
        + createdAt
        + ", idleExpiresAt="
        + idleExpiresAt
        + ", absoluteExpiresAt="
        + absoluteExpiresAt
        + ", renewed="
        + renewed
        + ", setCookie="
        + (setCookie.isPresent() ? "<masked>" : "none")
        + "]";
  }
}
