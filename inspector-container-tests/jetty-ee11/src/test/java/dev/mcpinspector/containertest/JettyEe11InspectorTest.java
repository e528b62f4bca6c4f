package dev.mcpinspector.containertest;

/** The real inspector routes on JettyEe11. */
class JettyEe11InspectorTest extends InspectorRouteSuite {

  @Override
  protected EmbeddedContainer newContainer() {
    return new JettyEe11Container();
  }
}
