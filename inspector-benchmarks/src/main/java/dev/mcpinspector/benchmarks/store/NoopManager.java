package dev.mcpinspector.benchmarks.store;

/** A manager whose close does nothing, so benchmarks measure the store alone. */
public final class NoopManager implements AutoCloseable {

  /** The one instance; sharing it keeps the manager out of memory figures. */
  public static final NoopManager INSTANCE = new NoopManager();

  private NoopManager() {}

  @Override
  public void close() {}
}
