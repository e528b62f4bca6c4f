package dev.mcpinspector.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.config.ConfigException;
import dev.mcpinspector.core.config.ConfigOption;
import dev.mcpinspector.core.config.ConfigSource;
import dev.mcpinspector.core.config.OptionGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InspectorConfigTest {

  @Nested
  class Defaults {
    @Test
    void emptySourceGivesTheDocumentedDefaults() {
      InspectorConfig c = InspectorConfig.from(Map.<String, String>of()::get);
      assertEquals(Mode.LOCAL, c.mode());
      assertEquals(Duration.ofMinutes(30), c.sessionIdleTimeout());
      assertEquals(Duration.ofHours(12), c.sessionMaxLifetime());
      assertEquals(1000, c.maxSessions());
      assertEquals(5, c.maxSessionsPerPrincipal());
      assertEquals(Duration.ofSeconds(10), c.disposeTimeout());
      assertEquals(1000, c.rpcLogCapacity());
      assertEquals(InspectorConfig.defaultRpcLogBytes(), c.rpcLogMaxBytes());
      assertEquals(Duration.ofMinutes(5), c.progressStaleAfter());
      assertEquals(Duration.ofMinutes(10), c.elicitationTimeout());
      assertEquals(10, c.maxServersPerSession());
      assertEquals("Lax", c.cookieSameSite());
      assertEquals("auto", c.cookieSecure());
      assertFalse(c.cookiePartitioned());
      assertTrue(c.accessKeys().isEmpty());
      assertTrue(c.signingKeys().isEmpty());
    }
  }

  @Nested
  class FromSource {
    @Test
    void readsEveryKindOfValue() {
      Map<String, String> env =
          Map.of(
              "INSPECTOR_MODE", "Hosted",
              "INSPECTOR_SESSION_IDLE_TIMEOUT", "PT5M",
              "INSPECTOR_SESSION_MAX_LIFETIME", "3600",
              "INSPECTOR_MAX_SESSIONS", "42",
              "INSPECTOR_TRUSTED_PROXIES", " 10.0.0.0/8 , ,::1/128",
              "INSPECTOR_COOKIE_SAMESITE", "strict",
              "INSPECTOR_COOKIE_PARTITIONED", "TRUE",
              "INSPECTOR_ACCESS_KEYS", "alice=secret-key-0123456789",
              "INSPECTOR_RPC_LOG_MAX_BYTES", "1048576");
      InspectorConfig c = InspectorConfig.from(env::get);
      assertEquals(Mode.HOSTED, c.mode());
      assertEquals(Duration.ofMinutes(5), c.sessionIdleTimeout());
      assertEquals(Duration.ofHours(1), c.sessionMaxLifetime());
      assertEquals(42, c.maxSessions());
      assertEquals(List.of("10.0.0.0/8", "::1/128"), c.trustedProxies());
      assertEquals("Strict", c.cookieSameSite());
      assertTrue(c.cookiePartitioned());
      assertEquals("alice=secret-key-0123456789", c.accessKeys().orElseThrow());
      assertEquals(1048576L, c.rpcLogMaxBytes());
    }

    @Test
    void blankValuesKeepDefaults() {
      InspectorConfig c = InspectorConfig.from(Map.of("INSPECTOR_MAX_SESSIONS", "  ")::get);
      assertEquals(InspectorConfig.DEFAULT_MAX_SESSIONS, c.maxSessions());
    }

    @Test
    void keysListEveryOptionOnce() {
      List<String> keys = InspectorConfig.keys();
      assertEquals(keys.size(), keys.stream().distinct().count());
      assertTrue(keys.contains("INSPECTOR_MODE"));
      assertTrue(keys.contains("INSPECTOR_ADMINS"));
      assertTrue(keys.stream().allMatch(k -> k.startsWith("INSPECTOR_")));
    }
  }

  @Nested
  class BadValues {
    private String failure(String key, String value) {
      return assertThrows(
              ConfigException.class, () -> InspectorConfig.from(Map.of(key, value)::get))
          .getMessage();
    }

    @Test
    void unknownModeNamesKeyValueAndAcceptedValues() {
      assertEquals(
          "INSPECTOR_MODE must be local or hosted (any case), but was 'cloud'",
          failure("INSPECTOR_MODE", "cloud"));
    }

    @Test
    void badDurationNamesBothForms() {
      assertEquals(
          "INSPECTOR_SESSION_IDLE_TIMEOUT must be a duration of at least PT1S: an ISO-8601"
              + " duration (PT30M) or a number of seconds, but was '30 minutes' (not a duration)",
          failure("INSPECTOR_SESSION_IDLE_TIMEOUT", "30 minutes"));
    }

    @Test
    void zeroAndNegativeDurationsAreRefusedByTheBuilderToo() {
      String env = failure("INSPECTOR_DISPOSE_TIMEOUT", "PT-1S");
      assertEquals(
          "INSPECTOR_DISPOSE_TIMEOUT must be a positive duration: an ISO-8601 duration (PT30M) or"
              + " a number of seconds, but was 'PT-1S'",
          env);
      assertEquals(
          env,
          assertThrows(
                  ConfigException.class,
                  () -> InspectorConfig.builder().disposeTimeout(Duration.ofSeconds(-1)))
              .getMessage());
    }

    @Test
    void zeroAndNonNumericSizesAreRefused() {
      assertEquals(
          "INSPECTOR_MAX_SESSIONS must be a positive whole number, but was '0'",
          failure("INSPECTOR_MAX_SESSIONS", "0"));
      assertEquals(
          "INSPECTOR_RPC_LOG_CAPACITY must be a positive whole number, but was 'lots'",
          failure("INSPECTOR_RPC_LOG_CAPACITY", "lots"));
      assertEquals(
          "INSPECTOR_MAX_SERVERS_PER_SESSION must be a positive whole number, but was"
              + " '9999999999'",
          failure("INSPECTOR_MAX_SERVERS_PER_SESSION", "9999999999"));
    }

    @Test
    void malformedCidrFailsInTheConfigNotLater() {
      assertEquals(
          "INSPECTOR_TRUSTED_PROXIES must be a comma-separated list of IPv4/IPv6 CIDRs"
              + " (10.0.0.0/8, ::1/128), but was '10.0.0.0/8,10.0.0.0/33'"
              + " ('10.0.0.0/33' has prefix /33, but the longest prefix is /32)",
          assertThrows(
                  ConfigException.class,
                  () ->
                      InspectorConfig.builder()
                          .trustedProxies(List.of("10.0.0.0/8", "10.0.0.0/33")))
              .getMessage());
    }

    @Test
    void badEnumsAndBooleansNameAcceptedValues() {
      assertEquals(
          "INSPECTOR_COOKIE_SAMESITE must be one of Lax, Strict, None (any case), but was"
              + " 'sometimes'",
          failure("INSPECTOR_COOKIE_SAMESITE", "sometimes"));
      assertEquals(
          "INSPECTOR_COOKIE_PARTITIONED must be true or false, but was 'yes'",
          failure("INSPECTOR_COOKIE_PARTITIONED", "yes"));
    }

    @Test
    void partitionedWithoutSecureIsRefused() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  InspectorConfig.builder().cookieSecure("never").cookiePartitioned(true).build());
      assertEquals(
          "INSPECTOR_COOKIE_PARTITIONED=true requires a Secure cookie, but"
              + " INSPECTOR_COOKIE_SECURE=never; set INSPECTOR_COOKIE_SECURE to always or auto",
          e.getMessage());
    }

    @Test
    void lifetimeShorterThanIdleTimeoutIsRefused() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  InspectorConfig.builder()
                      .sessionIdleTimeout(Duration.ofHours(2))
                      .sessionMaxLifetime(Duration.ofHours(1))
                      .build());
      assertEquals(
          "INSPECTOR_SESSION_MAX_LIFETIME (PT1H) must not be shorter than"
              + " INSPECTOR_SESSION_IDLE_TIMEOUT (PT2H)",
          e.getMessage());
    }
  }

  /** One bad value per option, as text and (where the type can hold one) as a typed value. */
  record Bad(ConfigOption<?> option, String text, Object typed) {}

  static final Object NO_TYPED = new Object();

  /** Options for which any non-blank text is valid. */
  static final List<ConfigOption<?>> ANY_TEXT =
      List.of(InspectorConfig.JWT_ISSUER, InspectorConfig.JWT_AUDIENCE, InspectorConfig.ADMINS);

  static List<Bad> badValues() {
    return List.of(
        new Bad(InspectorConfig.MODE, "cloud", NO_TYPED),
        new Bad(InspectorConfig.SIGNING_KEYS, "c2hvcnQ=", List.of("c2hvcnQ=")),
        new Bad(InspectorConfig.SESSION_IDLE_TIMEOUT, "30 minutes", Duration.ZERO),
        new Bad(InspectorConfig.SESSION_MAX_LIFETIME, "PT0.5S", Duration.ofMillis(500)),
        new Bad(InspectorConfig.MAX_SESSIONS, "0", 0),
        new Bad(InspectorConfig.MAX_SESSIONS_PER_PRINCIPAL, "-1", -1),
        new Bad(InspectorConfig.MAX_BOUND_SESSIONS, "lots", 0),
        new Bad(InspectorConfig.SWEEP_INTERVAL, "0", Duration.ZERO),
        new Bad(InspectorConfig.DISPOSE_TIMEOUT, "PT-1S", Duration.ofSeconds(-1)),
        new Bad(InspectorConfig.RPC_LOG_CAPACITY, "9999999999", 0),
        new Bad(InspectorConfig.RPC_LOG_MAX_BYTES, "0", 0L),
        new Bad(InspectorConfig.RPC_LOG_MAX_EVENT_BYTES, "100", 100),
        new Bad(InspectorConfig.PROGRESS_STALE_AFTER, "soon", Duration.ZERO),
        new Bad(InspectorConfig.PROGRESS_MAX_TOKENS, "0", 0),
        new Bad(InspectorConfig.ELICITATION_TIMEOUT, "PT-5M", Duration.ofMinutes(-5)),
        new Bad(InspectorConfig.ELICITATION_MAX_PENDING, "0", 0),
        new Bad(InspectorConfig.STREAMS_PER_SESSION, "0", 0),
        new Bad(InspectorConfig.STREAM_STALL_TIMEOUT, "0", Duration.ZERO),
        new Bad(InspectorConfig.ACCESS_KEYS, "alice=short", "alice=short"),
        new Bad(InspectorConfig.TRUSTED_PROXIES, "10.0.0.0/33", List.of("10.0.0.0/33")),
        new Bad(InspectorConfig.IDENTITY_HEADER, "Bad Header", "Bad Header"),
        new Bad(InspectorConfig.JWT_SECRET, "c2hvcnQ=", "c2hvcnQ="),
        new Bad(InspectorConfig.JWT_PUBLIC_KEYS, "not-a-key", List.of("not-a-key")),
        new Bad(InspectorConfig.JWT_LEEWAY, "PT10M", Duration.ofMinutes(10)),
        new Bad(InspectorConfig.JWT_MAX_LIFETIME, "0", Duration.ZERO),
        new Bad(InspectorConfig.LOGIN_FAILURE_LIMIT, "0", 0),
        new Bad(InspectorConfig.LOGIN_FAILURE_WINDOW, "0", Duration.ZERO),
        new Bad(
            InspectorConfig.ALLOWED_ORIGINS,
            "inspector.example.com",
            List.of("inspector.example.com")),
        new Bad(InspectorConfig.ALLOWED_HOSTS, "bad host", List.of("bad host")),
        new Bad(InspectorConfig.COOKIE_NAME, "bad;name", "bad;name"),
        new Bad(InspectorConfig.COOKIE_SAMESITE, "sometimes", "sometimes"),
        new Bad(InspectorConfig.COOKIE_SECURE, "maybe", "maybe"),
        new Bad(InspectorConfig.COOKIE_PARTITIONED, "yes", NO_TYPED),
        new Bad(InspectorConfig.COOKIE_MAX_AGE, "0", Duration.ZERO),
        new Bad(InspectorConfig.OUTBOUND_ALLOW, "bad_host!", List.of("bad_host!")),
        new Bad(InspectorConfig.MAX_SERVERS_PER_SESSION, "0", 0),
        new Bad(InspectorConfig.CALL_RATE_LIMIT, "10 per minute", NO_TYPED),
        new Bad(InspectorConfig.CONNECT_RATE_LIMIT, "0/s", NO_TYPED));
  }

  @Test
  void everyOptionHasABadValueCaseOrTakesAnyText() {
    java.util.Set<String> covered = new java.util.HashSet<>();
    badValues().forEach(b -> covered.add(b.option().key()));
    ANY_TEXT.forEach(o -> covered.add(o.key()));
    assertEquals(java.util.Set.copyOf(InspectorConfig.keys()), covered);
  }

  private static void assertNames(Bad b, ConfigException e) {
    String m = e.getMessage();
    assertEquals(b.option().key(), e.key(), m);
    assertTrue(m.startsWith(b.option().key() + " must be " + b.option().accepted()), m);
    if (b.option().secret()) {
      assertTrue(m.contains("<masked"), m);
      assertFalse(m.contains(b.text()), m);
    } else {
      assertTrue(m.contains("'" + b.text() + "'"), m);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("badValues")
  void badValueFromTheEnvironmentNamesKeyValueAndRule(Bad b) {
    assertNames(
        b,
        assertThrows(
            ConfigException.class,
            () -> InspectorConfig.read(ConfigSource.of(Map.of(b.option().key(), b.text())))));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("badValues")
  void badValueFromInitParametersNamesKeyValueAndRule(Bad b) {
    java.util.Properties initParams = new java.util.Properties();
    initParams.setProperty(b.option().key(), b.text());
    java.util.function.Function<String, String> getInitParameter = initParams::getProperty;
    assertNames(
        b, assertThrows(ConfigException.class, () -> InspectorConfig.from(getInitParameter)));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("badValues")
  void badValueFromAFlagNamesKeyValueAndRule(Bad b) {
    ConfigSource flags = ConfigSource.ofFlags(List.of(b.option().flag() + "=" + b.text()));
    assertNames(b, assertThrows(ConfigException.class, () -> InspectorConfig.read(flags)));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("badValues")
  @SuppressWarnings("unchecked")
  void badValueFromTheBuilderNamesKeyAndRule(Bad b) {
    org.junit.jupiter.api.Assumptions.assumeTrue(b.typed() != NO_TYPED, "type holds no bad value");
    ConfigOption<Object> option = (ConfigOption<Object>) b.option();
    ConfigException e =
        assertThrows(ConfigException.class, () -> InspectorConfig.builder().set(option, b.typed()));
    assertEquals(b.option().key(), e.key());
    assertTrue(e.getMessage().startsWith(b.option().key() + " must be "), e.getMessage());
    if (b.option().secret()) {
      assertFalse(e.getMessage().contains(String.valueOf(b.typed())), e.getMessage());
    }
  }

  @Test
  void rpcLogBudgetDefaultsToAShareOfTheHeap() {
    long max = Runtime.getRuntime().maxMemory();
    long expected =
        Math.max(
            InspectorConfig.RPC_LOG_MIN_DEFAULT_BYTES,
            max / InspectorConfig.RPC_LOG_HEAP_SHARE_DIVISOR);
    assertEquals(expected, InspectorConfig.builder().build().rpcLogMaxBytes());
    assertTrue(expected < 256L * 1024 * 1024 || max >= 2L * 1024 * 1024 * 1024);
    assertEquals(1234L, InspectorConfig.builder().rpcLogMaxBytes(1234L).build().rpcLogMaxBytes());
  }

  @Test
  void otherModulesOptionsRideAlong() {
    ConfigOption<Integer> foreign =
        ConfigOption.positiveInt("INSPECTOR_TEST_FOREIGN", 7, "an option of another module");
    OptionGroup group = OptionGroup.of("test", "a test module", foreign);
    InspectorConfig c =
        InspectorConfig.builder()
            .read(ConfigSource.of(Map.of("INSPECTOR_TEST_FOREIGN", "42")), group)
            .build();
    assertEquals(42, c.get(foreign).orElseThrow());
    assertEquals(7, InspectorConfig.builder().build().get(foreign).orElseThrow());
    assertTrue(group.helpText().contains("--test-foreign (INSPECTOR_TEST_FOREIGN)  default: 7"));
    assertEquals(
        "INSPECTOR_TEST_FOREIGN must be a positive whole number, but was 'x'",
        group.validate(ConfigSource.of(Map.of("INSPECTOR_TEST_FOREIGN", "x"))).get(0).getMessage());
  }

  @Test
  void docsListEveryOptionWithItsDefault() throws java.io.IOException {
    java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "configuration.md");
    String text = java.nio.file.Files.readString(doc);
    for (ConfigOption<?> o : InspectorConfig.OPTIONS.options()) {
      assertTrue(text.contains("| `" + o.key() + "` |"), o.key() + " missing from " + doc);
    }
  }

  @Test
  void toStringMasksSecrets() {
    InspectorConfig c =
        InspectorConfig.builder()
            .signingKeys(List.of("c2VjcmV0LXNpZ25pbmcta2V5LXRoYXQtaXMtbG9uZy1lbm91Z2g="))
            .accessKeys("alice=top-secret-0123456789")
            .jwtSecret("and0LXNlY3JldC12YWx1ZS10aGF0LWlzLWxvbmctZW5vdWdoISE=")
            .build();
    String s = c.toString();
    assertFalse(s.contains("c2VjcmV0"), s);
    assertFalse(s.contains("top-secret"), s);
    assertFalse(s.contains("and0LXNlY3Jl"), s);
    assertTrue(s.contains("INSPECTOR_SIGNING_KEYS=<masked>"), s);
  }
}
