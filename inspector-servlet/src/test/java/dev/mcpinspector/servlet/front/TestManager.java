package dev.mcpinspector.servlet.front;

import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import java.util.concurrent.CountDownLatch;

/** A client manager that only remembers whom it was made for and whether it was closed. */
final class TestManager implements AutoCloseable {

  final SessionId session;
  final Principal principal;
  final CountDownLatch closed = new CountDownLatch(1);

  TestManager(SessionId session, Principal principal) {
    this.session = session;
    this.principal = principal;
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  @Override
  public void close() {
    closed.countDown();
  }
}
