package dev.mcpinspector.containertest;

/** The real inspector routes on Tomcat 10.1. */
class Tomcat10InspectorTest extends InspectorRouteSuite {

  @Override
  protected EmbeddedContainer newContainer() {
    return new Tomcat10Container();
  }
}
