package dev.mcpinspector.containertest;

/** The real inspector routes on Jetty 12 ee10. */
class JettyEe10InspectorTest extends InspectorRouteSuite {

  @Override
  protected EmbeddedContainer newContainer() {
    return new JettyEe10Container();
  }
}
