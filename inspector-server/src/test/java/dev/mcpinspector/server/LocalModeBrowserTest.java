package dev.mcpinspector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.InspectorConfig;
import java.nio.file.Files;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The page in headless Chromium against the real example server in local mode: the demo MCP server
 * is connected from its suggestion and every feature of the page is used on it.
 */
class LocalModeBrowserTest {

  private static Server server;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Browser.assumeInstalled();
    server = ExampleServer.createServer(0, InspectorConfig.builder().build());
    server.start();
    base = "http://localhost:" + ExampleServer.localPort(server) + "/";
    browser = Browser.open();
    browser.get(base);
    browser.awaitScript("the page to be ready", "document.body.dataset.state === 'ready'");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        // The whole page, from the top: the picture the README shows (docs/screenshot.png).
        browser.driver().manage().window().setSize(new Dimension(1400, 1700));
        browser.script(
            "document.querySelectorAll('#message-area .message button').forEach(b => b.click());"
                + " window.scrollTo(0, 0);");
        browser.screenshot("local-mode");
        browser.close();
      }
    } finally {
      if (server != null) {
        server.stop();
      }
    }
  }

  /** Connects the suggested demo server unless an earlier test did, and selects it. */
  private static void connectDemo() {
    browser.find("[data-testid=connect-suggested-demo]");
    if (browser.all("#server-list li[data-server-id=demo]").isEmpty()) {
      browser.click("[data-testid=connect-suggested-demo]");
    }
    browser.find("#server-list li[data-server-id=demo][data-status=connected]");
    browser.click("[data-testid=select-server-demo]");
    browser.find("[data-testid=tool-echo]");
  }

  private static void call(String tool, String arguments) {
    browser.click("[data-testid=tool-" + tool + "]");
    browser.type("#tool-args", arguments);
    browser.click("#call-tool");
  }

  private static String awaitResult() {
    browser.awaitScript(
        "the call to end",
        "['ok','tool-error','failed'].includes(document.getElementById('tool-result').dataset.state)");
    return browser.text("#tool-result");
  }

  @Test
  void suggestedDemoServer_connectsAndListsItsTools() {
    connectDemo();

    assertEquals("connected", browser.text("[data-testid=server-status-demo]"));
    for (String tool : List.of("echo", "slow_count", "ask_user")) {
      browser.find("[data-testid=tool-" + tool + "]");
    }
  }

  @Test
  void echo_showsTheResult_andTheRpcLogShowsTheCallBothWays() {
    connectDemo();

    call("echo", "{\"text\": \"hello from the browser\"}");

    assertTrue(awaitResult().contains("hello from the browser"), browser.text("#tool-result"));
    assertEquals("ok", browser.find("#tool-result").getDomAttribute("data-state"));
    browser.find("#rpc-log details.rpc-row[data-direction=SEND][data-method='tools/call']");
    browser.find("#rpc-log details.rpc-row[data-direction=RECEIVE][data-server-id=demo]");
    browser.awaitScript(
        "the tools/call response to be paired with its request",
        "[...document.querySelectorAll('#rpc-log details.rpc-row[data-direction=RECEIVE]')]"
            + ".some(r => r.dataset.pairedSeq)");
  }

  @Test
  void slowCount_fillsAProgressBar_thatIsRemovedWhenTheCallEnds() {
    connectDemo();

    call("slow_count", "{\"n\": 12}");

    WebElement bar = browser.find("#progress-list li.progress-row[data-server-id=demo] progress");
    double intermediate =
        browser.await(
            "a progress value between 0 and 100",
            d -> {
              String value = bar.getDomProperty("value");
              String attr = bar.getDomAttribute("value");
              if (attr == null || value == null) {
                return null;
              }
              double v = Double.parseDouble(value);
              return v > 0 && v < 100 ? v : null;
            });
    assertTrue(intermediate > 0 && intermediate < 100);
    assertTrue(awaitResult().contains("counted to 12"), browser.text("#tool-result"));
    browser.awaitScript(
        "the progress row to go", "!document.querySelector('#progress-list li.progress-row')");
  }

  @Test
  void askUser_opensTheDialogNamingTheServer_andTheAnswerReachesTheTool() {
    connectDemo();

    call("ask_user", "{}");

    browser.awaitScript(
        "the elicitation dialog", "document.getElementById('elicitation-dialog').open");
    assertEquals("demo", browser.find("#elicitation-dialog").getDomAttribute("data-server-id"));
    assertTrue(browser.text("#elicitation-message").contains("Who are you?"));
    browser.click("#elicitation-accept");
    browser.find("[data-field=name] .field-error");
    assertTrue(
        browser.script("return document.getElementById('elicitation-dialog').open") == Boolean.TRUE,
        "a missing required field keeps the dialog open");

    browser.type("[data-testid=elicitation-field-name]", "Ada");
    browser.click("#elicitation-accept");

    browser.awaitScript(
        "the dialog to close", "!document.getElementById('elicitation-dialog').open");
    assertTrue(awaitResult().contains("Hello, Ada!"), browser.text("#tool-result"));
  }

  @Test
  void invalidJsonArguments_areRefusedInThePage() {
    connectDemo();
    int rowsBefore = browser.all("#rpc-log details.rpc-row[data-direction=SEND]").size();

    call("echo", "{\"text\": ");

    String error = browser.text("#tool-args-error");
    assertTrue(error.contains("not valid JSON"), error);
    assertEquals(rowsBefore, browser.all("#rpc-log details.rpc-row[data-direction=SEND]").size());
  }

  @Test
  void addingAServerWithATakenId_showsTheServersProblemDetail() {
    connectDemo();

    browser.type("#server-id", "demo");
    browser.type("#server-url", base + "demo/mcp");
    browser.click("#add-server");

    String message =
        browser.text("#message-area .message[data-kind=error][data-code=server_exists]");
    assertTrue(message.contains("demo"), message);
    assertFalse(message.contains("Exception"), message);
    browser.script(
        "document.querySelectorAll('#message-area .message button').forEach(b => b.click());");
  }

  @Test
  void page_loadsUnderItsContentSecurityPolicy_withoutViolations() throws Exception {
    connectDemo();

    List<LogEntry> violations =
        browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getMessage().contains("Content Security Policy"))
            .toList();
    assertTrue(violations.isEmpty(), violations.toString());
    assertFalse(Files.size(browser.screenshot("local-mode-connected")) == 0);
  }
}
