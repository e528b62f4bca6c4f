package dev.mcpinspector.containertest;

/** The real inspector routes on Tomcat 11. */
class Tomcat11InspectorTest extends InspectorRouteSuite {

  @Override
  protected EmbeddedContainer newContainer() {
    return new Tomcat11Container();
  }
}
