package dev.mcpinspector.war;

/** A container with the WAR deployed at {@link DeployedWarContract#CONTEXT}. */
interface Deployment {

  /**
   * The base URL of the deployed context, without a trailing slash.
   *
   * @return the URL
   */
  String base();

  /**
   * Stops the container.
   *
   * @throws Exception when stopping fails
   */
  void stop() throws Exception;
}
