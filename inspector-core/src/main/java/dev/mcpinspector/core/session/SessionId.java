package dev.mcpinspector.core.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A session identifier minted by the server: 256 bits from {@link SecureRandom}, encoded as
 * unpadded base64url (43 characters).
 *
 * <p>{@link #toString()} never reveals the value, so an id that slips into a log line or an
 * exception message leaks nothing; use {@link #value()} only where the raw id is required (the
 * signed cookie).
 *
 * @param value the base64url text of the id; never null or blank
 */
public record SessionId(String value) {

  /** Number of random bytes in a minted id. */
  public static final int BYTES = 32;

  /** Longest accepted id text; longer values are refused before any other work. */
  public static final int MAX_LENGTH = 128;

  /** The single shared event scope of local mode, where every browser shares one manager. */
  public static final SessionId LOCAL = new SessionId("local");

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Checks the arguments; see the record description for each component.
   *
   * @param value see the record description
   */
  public SessionId {
    Objects.requireNonNull(value, "session id must not be null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("session id must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "session id must be at most " + MAX_LENGTH + " characters, but was " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        throw new IllegalArgumentException(
            "session id must use only base64url characters [A-Za-z0-9_-], found code point "
                + (int) c
                + " at index "
                + i);
      }
    }
  }

  /**
   * Mints a new random id from the shared {@link SecureRandom}.
   *
   * @return a fresh id with {@value #BYTES} bytes of entropy
   */
  public static SessionId generate() {
    return generate(RANDOM);
  }

  /**
   * Mints a new random id.
   *
   * @param random the source of randomness; must be cryptographically strong in production
   * @return a fresh id with {@value #BYTES} bytes of entropy
   */
  public static SessionId generate(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** Returns a masked form that never contains the id. */
  @Override
  public String toString() {
    return "SessionId[<masked>]";
  }
}
