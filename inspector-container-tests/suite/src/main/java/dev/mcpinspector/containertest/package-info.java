/**
 * The container test suite: {@link dev.mcpinspector.containertest.ContainerSuite} runs over real
 * HTTP against any {@link dev.mcpinspector.containertest.EmbeddedContainer}; each container module
 * extends it with one class. The test application and its helpers live here too.
 */
package dev.mcpinspector.containertest;
