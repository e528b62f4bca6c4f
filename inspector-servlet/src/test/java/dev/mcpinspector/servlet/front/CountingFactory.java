package dev.mcpinspector.servlet.front;

import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.store.ManagerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Creates {@link TestManager}s and keeps every one it created, in order. */
final class CountingFactory implements ManagerFactory<TestManager> {

  final List<TestManager> created = new CopyOnWriteArrayList<>();
  volatile boolean failing;

  @Override
  public TestManager create(SessionId session, Principal principal) {
    if (failing) {
      throw new IllegalStateException("test factory told to fail");
    }
    TestManager m = new TestManager(session, principal);
    created.add(m);
    return m;
  }

  int createdCount() {
    return created.size();
  }

  long closedCount() {
    return created.stream().filter(TestManager::isClosed).count();
  }

  TestManager last() {
    return created.get(created.size() - 1);
  }
}
