package dev.mcpinspector.containertest;

/** The real inspector routes on Jetty 12 ee11. */
class JettyEe11InspectorTest extends InspectorRouteSuite {

  @Override
  protected EmbeddedContainer newContainer() {
    return new JettyEe11Container();
  }
}
