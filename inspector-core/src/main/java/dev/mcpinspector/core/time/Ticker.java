package dev.mcpinspector.core.time;

/**
 * A monotonic time source in nanoseconds, injectable so tests can advance time instead of sleeping.
 * Only differences between two readings are meaningful.
 */
@FunctionalInterface
public interface Ticker {

  /**
   * Reads the time.
   *
   * @return nanoseconds since an arbitrary fixed origin
   */
  long read();

  /**
   * The system ticker.
   *
   * @return a ticker backed by {@link System#nanoTime()}
   */
  static Ticker system() {
    return System::nanoTime;
  }
}
