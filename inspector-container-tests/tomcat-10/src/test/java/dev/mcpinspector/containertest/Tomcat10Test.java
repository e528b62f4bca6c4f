package dev.mcpinspector.containertest;

/** The container suite on Tomcat 10. */
class Tomcat10Test extends ContainerSuite {

  @Override
  protected EmbeddedContainer newContainer() {
    return new Tomcat10Container();
  }
}
