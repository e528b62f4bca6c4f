package dev.mcpinspector.core.storage;

import dev.mcpinspector.core.session.Principal;
import java.util.Objects;

/**
 * Whose stored state a record is: one principal (hosted mode) or the process (local mode). The
 * value is the storage key, stable across restarts and nodes: {@code local} or {@code
 * p:<issuer-length>:<issuer><subject>} (the length prefix keeps issuer and subject from running
 * into each other).
 *
 * @param value the storage key; at most {@value #MAX_LENGTH} characters, no control characters
 */
public record Owner(String value) {

  /** The longest owner key accepted. */
  public static final int MAX_LENGTH = 1024;

  private static final Owner LOCAL = new Owner("local");

  /**
   * Checks the value.
   *
   * @param value see the record description
   * @throws IllegalArgumentException if it is empty, too long or holds control characters
   */
  public Owner {
    Objects.requireNonNull(value, "owner must not be null");
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "owner must be 1 to " + MAX_LENGTH + " characters, but was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException("owner must not contain control characters");
      }
    }
  }

  /**
   * The owner of everything saved in local mode.
   *
   * @return the process owner
   */
  public static Owner local() {
    return LOCAL;
  }

  /**
   * The owner for a principal: issuer and subject, not the display name or roles.
   *
   * @param principal the principal
   * @return its owner
   */
  public static Owner of(Principal principal) {
    Objects.requireNonNull(principal, "principal must not be null");
    String issuer = principal.issuer();
    return new Owner("p:" + issuer.length() + ":" + issuer + principal.subject());
  }
}
