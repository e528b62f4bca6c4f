package dev.mcpinspector.core.storage;

import java.util.Objects;

/**
 * A stored record that was not returned because it cannot be trusted: it is reported (to the caller
 * and in the log) instead of being shown or decrypted with a key it was not sealed under.
 *
 * @param key the record's key (for saved servers: the server id as stored)
 * @param reason why
 * @param detail what was found, for operators; never a stored secret
 */
public record SkippedRecord(String key, Reason reason, String detail) {

  /** Why a record was skipped. */
  public enum Reason {
    /** Malformed bytes or failed authentication (tampered, truncated, wrong owner). */
    CORRUPT,
    /** Sealed under a key that is not among {@code INSPECTOR_ENCRYPTION_KEYS}. */
    UNKNOWN_KEY
  }

  /**
   * Checks the arguments.
   *
   * @param key see the record description
   * @param reason see the record description
   * @param detail see the record description
   */
  public SkippedRecord {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(reason, "reason must not be null");
    Objects.requireNonNull(detail, "detail must not be null");
  }
}
