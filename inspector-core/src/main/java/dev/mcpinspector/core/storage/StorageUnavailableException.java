package dev.mcpinspector.core.storage;

/**
 * The storage back end cannot be reached or failed; nothing of the operation was written. The HTTP
 * layer answers 503 {@code storage_unavailable} with {@code Retry-After}. The message names the
 * back end (for Redis its URL without credentials) and never a stored value.
 */
public final class StorageUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, naming the back end
   * @param cause the back end's exception, maybe null
   */
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
