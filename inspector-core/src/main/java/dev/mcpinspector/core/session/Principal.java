package dev.mcpinspector.core.session;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated user. Two principals are the same user when issuer and subject are equal.
 *
 * @param issuer who vouched for the user (for example {@code "access-key"}, {@code "proxy"} or a
 *     JWT {@code iss}); never blank
 * @param subject the user's id at that issuer; never blank
 * @param displayName a name to show; defaults to the subject when null or blank
 * @param roles role names, for example {@link #ADMIN_ROLE}; never null, copied
 */
public record Principal(String issuer, String subject, String displayName, Set<String> roles) {

  /** The role that may read {@code GET /api/admin/stats}. */
  public static final String ADMIN_ROLE = "admin";

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param issuer see the record description
   * @param subject see the record description
   * @param displayName see the record description
   * @param roles see the record description
   */
  public Principal {
    Objects.requireNonNull(issuer, "issuer must not be null");
    Objects.requireNonNull(subject, "subject must not be null");
    Objects.requireNonNull(roles, "roles must not be null");
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("principal issuer must not be blank");
    }
    if (subject.isBlank()) {
      throw new IllegalArgumentException("principal subject must not be blank");
    }
    if (displayName == null || displayName.isBlank()) {
      displayName = subject;
    }
    roles = Set.copyOf(roles);
  }

  /**
   * Tells whether this and {@code other} denote the same user (same issuer and subject).
   *
   * @param other another principal, may be null
   * @return true when both are non-null and name the same user
   */
  public boolean sameUserAs(Principal other) {
    return other != null && issuer.equals(other.issuer) && subject.equals(other.subject);
  }

  /**
   * Tells whether the principal has a role.
   *
   * @param role a role name
   * @return true when {@code roles} contains it
   */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /**
   * A key that identifies the user unambiguously (issuer and subject, length-prefixed), for maps
   * and per-principal limits.
   *
   * @return the key
   */
  public String key() {
    return issuer.length() + ":" + issuer + subject;
  }
}
