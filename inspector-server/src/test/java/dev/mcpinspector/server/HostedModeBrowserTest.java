package dev.mcpinspector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.InspectorConfig;
import dev.mcpinspector.core.Mode;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two people in hosted mode, each in their own browser profile with their own access key: each sees
 * only their own servers and their own RPC log.
 */
class HostedModeBrowserTest {

  private static final String ALICE_KEY = "alice-access-key-0001";
  private static final String BOB_KEY = "bob-access-key-000002";

  private static Server server;
  private static String base;
  private static String demoUrl;

  @BeforeAll
  static void start() throws Exception {
    Browser.assumeInstalled();
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    InspectorConfig config =
        InspectorConfig.builder()
            .mode(Mode.HOSTED)
            .signingKeys(List.of(Base64.getEncoder().encodeToString(key)))
            .accessKeys("alice=" + ALICE_KEY + ",bob=" + BOB_KEY)
            // What EXAMPLE_DEMO_ALLOW=true does: loopback exempt, so the demo is reachable.
            .outboundAllow(List.of("127.0.0.1"))
            .build();
    server = ExampleServer.createServer(0, config);
    server.start();
    int port = ExampleServer.localPort(server);
    base = "http://localhost:" + port + "/";
    demoUrl = "http://127.0.0.1:" + port + DemoMcpServer.PATH;
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private static void login(Browser b, String accessKey) {
    b.get(base);
    b.awaitScript("the login form", "document.body.dataset.state === 'login'");
    b.type("#access-key", accessKey);
    b.click("#login-submit");
    b.awaitScript("the page after login", "document.body.dataset.state === 'ready'");
  }

  private static void echo(Browser b, String serverId, String text) {
    b.click("[data-testid=select-server-" + serverId + "]");
    b.click("[data-testid=tool-echo]");
    b.type("#tool-args", "{\"text\": \"" + text + "\"}");
    b.click("#call-tool");
    b.awaitScript(
        "the echo result",
        "document.getElementById('tool-result').dataset.state === 'ok'"
            + " && document.getElementById('tool-result').textContent.includes('"
            + text
            + "')");
  }

  private static Set<String> attribute(Browser b, String css, String attribute) {
    return b.all(css).stream().map(e -> e.getDomAttribute(attribute)).collect(Collectors.toSet());
  }

  @Test
  void twoUsers_seeOnlyTheirOwnServersAndLogs() {
    try (Browser alice = Browser.open();
        Browser bob = Browser.open()) {
      login(alice, ALICE_KEY);
      login(bob, BOB_KEY);
      assertTrue(alice.text("[data-testid=session-principal]").contains("alice"));
      assertTrue(bob.text("[data-testid=session-principal]").contains("bob"));

      alice.click("[data-testid=connect-suggested-demo]");
      alice.find("#server-list li[data-server-id=demo][data-status=connected]");
      bob.type("#server-id", "bobs-demo");
      bob.type("#server-url", demoUrl);
      bob.click("#add-server");
      bob.find("#server-list li[data-server-id=bobs-demo][data-status=connected]");

      bob.type("#server-id", "metadata");
      bob.type("#server-url", "http://169.254.169.254/latest/meta-data");
      bob.click("#add-server");
      String refused = bob.text("#message-area .message[data-kind=error][data-code=url_forbidden]");
      assertTrue(refused.contains("169.254.169.254"), refused);

      echo(alice, "demo", "from alice");
      echo(bob, "bobs-demo", "from bob");
      alice.find("#rpc-log details.rpc-row[data-direction=RECEIVE][data-method='tools/call']");
      bob.find("#rpc-log details.rpc-row[data-direction=RECEIVE][data-method='tools/call']");

      assertEquals(
          Set.of("demo"), attribute(alice, "#server-list li[data-server-id]", "data-server-id"));
      assertEquals(
          Set.of("bobs-demo"), attribute(bob, "#server-list li[data-server-id]", "data-server-id"));
      assertEquals(Set.of("demo"), attribute(alice, "#rpc-log details.rpc-row", "data-server-id"));
      assertEquals(
          Set.of("bobs-demo"), attribute(bob, "#rpc-log details.rpc-row", "data-server-id"));
      alice.screenshot("hosted-alice");
      bob.screenshot("hosted-bob");
    }
  }
}
