package dev.mcpinspector.core;

import static dev.mcpinspector.core.auth.BrowserRequests.HOST;
import static dev.mcpinspector.core.auth.BrowserRequests.cookie;
import static dev.mcpinspector.core.auth.BrowserRequests.get;
import static dev.mcpinspector.core.auth.BrowserRequests.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.elicitation.ElicitationAction;
import dev.mcpinspector.core.elicitation.ElicitationRequest;
import dev.mcpinspector.core.elicitation.ElicitationResponse;
import dev.mcpinspector.core.event.ServerFilter;
import dev.mcpinspector.core.net.Cidr;
import dev.mcpinspector.core.outbound.OutboundConfig;
import dev.mcpinspector.core.rpc.Direction;
import dev.mcpinspector.core.session.Resolution;
import dev.mcpinspector.core.session.SessionId;
import dev.mcpinspector.core.store.Lease;
import dev.mcpinspector.core.store.RemovalCause;
import dev.mcpinspector.core.store.TestManager;
import dev.mcpinspector.core.time.FakeTicker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InspectorTest {

  private static final String KEY = "c2lnbmluZy1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXMhIQ==";

  private final FakeTicker time = new FakeTicker();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final List<TestManager> created = new CopyOnWriteArrayList<>();
  private Inspector<TestManager> inspector;

  @AfterEach
  void tearDown() throws InterruptedException {
    if (inspector != null) {
      inspector.close();
    }
    scheduler.shutdownNow();
    assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS));
  }

  private Inspector<TestManager> start(InspectorConfig config) {
    inspector =
        Inspector.<TestManager>builder(
                config,
                ctx ->
                    (session, principal) -> {
                      TestManager m = new TestManager(session);
                      created.add(m);
                      return m;
                    })
            .ticker(time)
            .clock(time)
            .scheduler(scheduler)
            .build();
    return inspector;
  }

  private static InspectorConfig hosted() {
    return InspectorConfig.builder()
        .mode(Mode.HOSTED)
        .signingKeys(List.of(KEY))
        .accessKeys("alice=alice-key-0123456789,bob=bob-key-0123456789")
        .allowedHosts(List.of(HOST))
        .allowedOrigins(List.of("https://" + HOST))
        .build();
  }

  private Resolution login(String key) {
    Resolution pre = inspector.gate().admit(get().build()).session();
    return inspector.gate().login(inspector.gate().admit(post(pre).build()), key);
  }

  private Resolution again(Resolution r) {
    return inspector.gate().admit(get().header("Cookie", cookie(r)).build()).session();
  }

  @Nested
  class HostedMode {
    @Test
    void managerCreationOpensTheSessionsEventPlane() {
      start(hosted());
      Resolution alice = login("alice-key-0123456789");
      SessionId scope = alice.sessionId();
      assertEquals(-1, inspector.rpcLog().publish(scope, "a", Direction.SEND, "{}"));
      try (Lease<TestManager> lease = inspector.store().acquire(scope, alice.principal())) {
        assertEquals(scope, lease.session());
        assertEquals(1, inspector.rpcLog().publish(scope, "a", Direction.SEND, "{\"id\":1}"));
        inspector.progress().report(scope, "a", "t1", 1, 2.0, null);
        assertEquals(1, inspector.progress().snapshot(scope, ServerFilter.all()).size());
      }
    }

    @Test
    void logoutClosesTheManagerAndClearsItsEvents() throws Exception {
      start(hosted());
      Resolution alice = login("alice-key-0123456789");
      SessionId scope = alice.sessionId();
      CompletableFuture<ElicitationResponse> asked;
      try (Lease<TestManager> lease = inspector.store().acquire(scope, alice.principal())) {
        inspector.rpcLog().publish(scope, "a", Direction.RECEIVE, "{}");
        asked = inspector.elicitations().request(scope, "a", new ElicitationRequest("?", "{}"));
        assertSame(created.get(0), lease.manager());
      }
      inspector.gate().logout(inspector.gate().admit(post(alice).build()));

      assertFalse(inspector.store().isActive(scope));
      assertFalse(inspector.rpcLog().isOpen(scope));
      assertEquals(ElicitationAction.CANCEL, asked.get(10, TimeUnit.SECONDS).action());
      assertTrue(created.get(0).awaitClosed());
    }

    @Test
    void storeRemovalEndsTheCookieSessionSoTheBrowserIsToldItWasRenewed() {
      start(hosted());
      Resolution alice = login("alice-key-0123456789");
      inspector.store().acquire(alice.sessionId(), alice.principal()).close();

      assertTrue(inspector.store().invalidate(alice.sessionId()));

      Resolution next = again(alice);
      assertTrue(next.renewed(), "a valid cookie whose session ended must say renewed");
      assertNotEquals(alice.sessionId(), next.sessionId());
      assertEquals(null, next.principal());
    }

    @Test
    void idleSessionsExpireInBothRegistriesButLeasedOnesStay() {
      InspectorConfig config =
          InspectorConfig.builder()
              .mode(Mode.HOSTED)
              .signingKeys(List.of(KEY))
              .accessKeys("alice=alice-key-0123456789,bob=bob-key-0123456789")
              .allowedHosts(List.of(HOST))
              .sessionIdleTimeout(Duration.ofMinutes(1))
              .build();
      start(config);
      Resolution alice = login("alice-key-0123456789");
      Resolution bob = login("bob-key-0123456789");
      inspector.store().acquire(alice.sessionId(), alice.principal()).close();
      Lease<TestManager> bobsStream = inspector.store().acquire(bob.sessionId(), bob.principal());

      time.advance(Duration.ofMinutes(5));
      inspector.sessions().sweep();

      assertTrue(again(alice).renewed(), "alice was idle: her session ended");
      Resolution bobNow = again(bob);
      assertFalse(bobNow.renewed(), "bob's open stream pins his session");
      assertEquals(bob.sessionId(), bobNow.sessionId());
      bobsStream.close();
    }

    @Test
    void theManagerGoesAtTheIdleDeadlineTheSessionReports_andNotBefore() throws Exception {
      start(hosted());
      Resolution alice = login("alice-key-0123456789");
      inspector.store().acquire(alice.sessionId(), alice.principal()).close();
      Duration untilIdle = Duration.between(time.instant(), alice.idleExpiresAt());

      time.advance(untilIdle.minusSeconds(1));
      inspector.sessions().sweep();
      assertTrue(inspector.store().isActive(alice.sessionId()), "gone before its deadline");

      time.advance(Duration.ofSeconds(2));
      inspector.sessions().sweep();
      assertFalse(inspector.store().isActive(alice.sessionId()), "kept past its deadline");
      assertTrue(created.get(0).awaitClosed());
      assertFalse(inspector.rpcLog().isOpen(alice.sessionId()));
      assertEquals(
          0L,
          inspector.store().stats().removed().get(RemovalCause.IDLE),
          "the store must not run an expiry of its own");
    }

    @Test
    void usersGetDifferentScopesAndManagers() {
      start(hosted());
      Resolution alice = login("alice-key-0123456789");
      Resolution bob = login("bob-key-0123456789");
      try (Lease<TestManager> a = inspector.store().acquire(alice.sessionId(), alice.principal());
          Lease<TestManager> b = inspector.store().acquire(bob.sessionId(), bob.principal())) {
        assertNotEquals(a.session(), b.session());
        assertNotEquals(a.manager(), b.manager());
        inspector.rpcLog().publish(a.session(), "same", Direction.SEND, "{\"who\":\"alice\"}");
        assertEquals(0, inspector.rpcLog().snapshot(b.session(), ServerFilter.all(), 10).size());
      }
    }

    @Test
    void missingSigningKeysFailStartUpSayingHowToGenerateOne() {
      InspectorConfig config =
          InspectorConfig.builder()
              .mode(Mode.HOSTED)
              .accessKeys("alice=alice-key-0123456789")
              .build();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> start(config));
      assertTrue(e.getMessage().contains("INSPECTOR_SIGNING_KEYS"), e.getMessage());
      assertTrue(e.getMessage().contains("openssl rand -base64 32"), e.getMessage());
    }

    @Test
    void badOutboundAllowEntryNamesTheOption() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  InspectorConfig.builder()
                      .mode(Mode.HOSTED)
                      .signingKeys(List.of(KEY))
                      .accessKeys("alice=alice-key-0123456789")
                      .outboundAllow(List.of("bad_host!")));
      assertTrue(
          e.getMessage().startsWith("INSPECTOR_OUTBOUND_ALLOW must be a comma-separated list"),
          e.getMessage());
    }
  }

  @Nested
  class LocalMode {
    @Test
    void everyBrowserSharesOneManagerAndTheLocalScope() {
      start(InspectorConfig.builder().build());
      try (Lease<TestManager> a = inspector.store().acquire(SessionId.generate(), null);
          Lease<TestManager> b = inspector.store().acquire(SessionId.generate(), null)) {
        assertSame(a.manager(), b.manager());
        assertEquals(SessionId.LOCAL, a.session());
        assertTrue(inspector.rpcLog().isOpen(SessionId.LOCAL));
      }
      assertEquals(1, created.size());
    }

    @Test
    void oneBrowserEndingItsSessionLeavesTheSharedManagerToTheOthers() {
      start(
          InspectorConfig.builder()
              .accessKeys("alice=alice-key-0123456789")
              .allowedHosts(List.of(HOST))
              .allowedOrigins(List.of("https://" + HOST))
              .build());
      inspector.store().acquire(SessionId.generate(), null).close();
      Resolution alice = login("alice-key-0123456789");
      inspector.gate().logout(inspector.gate().admit(post(alice).build()));
      assertTrue(inspector.store().isActive(SessionId.LOCAL));
      assertEquals(0, created.get(0).closeCalls.get());
    }

    @Test
    void closeClosesTheManagerAndIsIdempotent() throws InterruptedException {
      start(InspectorConfig.builder().build());
      inspector.store().acquire(SessionId.generate(), null).close();
      inspector.close();
      inspector.close();
      assertTrue(created.get(0).awaitClosed());
      assertEquals(1, created.get(0).closeCalls.get());
    }
  }

  @Test
  void outboundConfigIsReadFromTheInspectorKeys() {
    Map<String, String> env =
        Map.of(
            "INSPECTOR_MODE", "Hosted",
            "INSPECTOR_OUTBOUND_ALLOW", "10.0.0.0/8, mcp.internal ,[fd00::]/8,*.svc.local",
            "INSPECTOR_MAX_SERVERS_PER_SESSION", "3");
    OutboundConfig c = Inspector.outboundConfig(InspectorConfig.from(env::get));
    assertEquals(Mode.HOSTED, c.mode());
    assertEquals(List.of("mcp.internal", "*.svc.local"), c.allowedHosts());
    assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("fd00::/8")), c.allowedCidrs());
    assertEquals(3, c.maxServersPerSession());
    assertEquals(
        "INSPECTOR_OUTBOUND_ALLOW must be a comma-separated list of IP addresses, CIDRs, host"
            + " names or *.domain wildcards, but was '10.0.0.0/33' ('10.0.0.0/33' has prefix /33,"
            + " but the longest prefix is /32)",
        assertThrows(
                IllegalArgumentException.class,
                () -> InspectorConfig.builder().outboundAllow(List.of("10.0.0.0/33")))
            .getMessage());
  }

  @Test
  void statsNameNoSession() {
    start(hosted());
    Resolution alice = login("alice-key-0123456789");
    inspector.store().acquire(alice.sessionId(), alice.principal()).close();
    InspectorStats stats = inspector.stats();
    assertEquals(Mode.HOSTED, stats.mode());
    assertEquals(1, stats.store().liveSessions());
    assertFalse(stats.toString().contains(alice.sessionId().value()));
  }
}
