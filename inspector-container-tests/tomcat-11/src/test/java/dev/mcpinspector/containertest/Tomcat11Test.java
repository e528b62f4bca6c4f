package dev.mcpinspector.containertest;

/** The container suite on Tomcat 11. */
class Tomcat11Test extends ContainerSuite {

  @Override
  protected EmbeddedContainer newContainer() {
    return new Tomcat11Container();
  }
}
