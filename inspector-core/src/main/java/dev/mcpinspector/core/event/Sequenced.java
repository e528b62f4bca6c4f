package dev.mcpinspector.core.event;

/** An event that carries a per-session sequence number (monotonic, starting at 1). */
public interface Sequenced {

  /**
   * The event's position in its session's stream.
   *
   * @return the sequence number, at least 1
   */
  long sequence();
}
