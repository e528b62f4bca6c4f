package dev.mcpinspector.core.store;

import dev.mcpinspector.core.session.Principal;
import dev.mcpinspector.core.session.SessionId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A removal listener that records what it is told. */
final class Recorder implements RemovalListener {

  record Removal(SessionId session, Principal principal, RemovalCause cause) {}

  final List<Removal> removals = new CopyOnWriteArrayList<>();

  @Override
  public void onRemoval(SessionId session, Principal principal, RemovalCause cause) {
    removals.add(new Removal(session, principal, cause));
  }

  List<RemovalCause> causes() {
    return removals.stream().map(Removal::cause).toList();
  }
}
