/**
 * The container test suites, run over real HTTP against any {@link
 * dev.mcpinspector.containertest.EmbeddedContainer}: {@link
 * dev.mcpinspector.containertest.ContainerSuite} tests the servlet plumbing on test routes, {@link
 * dev.mcpinspector.containertest.InspectorRouteSuite} the real inspector (login, cookies, event
 * routes and streams). Each container module extends both with one class each. The test application
 * and its helpers live here too.
 */
package dev.mcpinspector.containertest;
