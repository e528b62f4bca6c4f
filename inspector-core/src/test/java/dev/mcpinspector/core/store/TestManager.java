package dev.mcpinspector.core.store;

import dev.mcpinspector.core.session.SessionId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A manager that records its closes and can be told to throw or hang in close(). Shared by the
 * store and Inspector tests.
 */
public final class TestManager implements AutoCloseable {

  /** What close() does after recording the call. */
  public enum OnClose {
    RETURN,
    THROW,
    HANG
  }

  /** The session (scope) the manager was made for. */
  public final SessionId session;

  /** How often close() was called. */
  public final AtomicInteger closeCalls = new AtomicInteger();

  final CountDownLatch closed = new CountDownLatch(1);
  private final OnClose onClose;
  private final CountDownLatch hang;

  /**
   * A manager whose close() returns.
   *
   * @param session its session
   */
  public TestManager(SessionId session) {
    this(session, OnClose.RETURN, null);
  }

  TestManager(SessionId session, OnClose onClose, CountDownLatch hang) {
    this.session = session;
    this.onClose = onClose;
    this.hang = hang;
  }

  /**
   * Tells whether close() was called.
   *
   * @return true after the first call
   */
  public boolean isClosed() {
    return closeCalls.get() > 0;
  }

  /** Waits for close() to be called; the bound only stops a broken test from hanging. */
  public boolean awaitClosed() throws InterruptedException {
    return closed.await(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    closeCalls.incrementAndGet();
    closed.countDown();
    switch (onClose) {
      case THROW -> throw new IllegalStateException("close failed on purpose");
      case HANG -> {
        while (true) {
          try {
            hang.await();
            return;
          } catch (InterruptedException ignored) {
            // A close that ignores interrupts: the worst case the store must survive.
          }
        }
      }
      default -> {}
    }
  }
}
