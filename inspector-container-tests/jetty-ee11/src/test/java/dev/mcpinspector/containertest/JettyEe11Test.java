package dev.mcpinspector.containertest;

/** The container suite on Jetty 12 ee11. */
class JettyEe11Test extends ContainerSuite {

  @Override
  protected EmbeddedContainer newContainer() {
    return new JettyEe11Container();
  }
}
