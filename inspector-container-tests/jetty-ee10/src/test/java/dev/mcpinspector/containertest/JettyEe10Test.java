package dev.mcpinspector.containertest;

/** The container suite on Jetty 12 ee10. */
class JettyEe10Test extends ContainerSuite {

  @Override
  protected EmbeddedContainer newContainer() {
    return new JettyEe10Container();
  }
}
