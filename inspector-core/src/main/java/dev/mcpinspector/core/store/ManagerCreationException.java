package dev.mcpinspector.core.store;

/**
 * The {@link ManagerFactory} threw while creating a session's manager; the factory's exception is
 * the cause. Nothing was cached: the next acquire of the session calls the factory again.
 */
public final class ManagerCreationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause what the factory threw
   */
  public ManagerCreationException(String message, Throwable cause) {
    super(message, cause);
  }
}
