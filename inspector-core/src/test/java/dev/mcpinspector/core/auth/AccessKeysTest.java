package dev.mcpinspector.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpinspector.core.http.RequestView;
import dev.mcpinspector.core.http.TrustedProxies;
import dev.mcpinspector.core.session.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessKeysTest {

  static final String ALICE_KEY = "alice-key-0123456789";
  static final String BOB_KEY = "bob-key-0123456789abc";
  static final AccessKeys KEYS = AccessKeys.parse("alice=" + ALICE_KEY + ", bob=" + BOB_KEY);

  @Test
  void match_findsTheName() {
    assertEquals(Optional.of("alice"), KEYS.match(ALICE_KEY));
    assertEquals(Optional.of("bob"), KEYS.match(BOB_KEY));
    assertEquals(Optional.empty(), KEYS.match(ALICE_KEY + "x"));
    assertEquals(Optional.empty(), KEYS.match(ALICE_KEY.substring(1)));
    assertEquals(Optional.empty(), KEYS.match(""));
    assertEquals(Optional.empty(), KEYS.match(null));
    assertEquals(Optional.empty(), KEYS.match("x".repeat(100_000)));
    assertEquals(Optional.empty(), AccessKeys.none().match(ALICE_KEY));
  }

  @Test
  void file_withCommentsAndBlankLines(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("keys");
    Files.writeString(file, "# team keys\nalice=" + ALICE_KEY + "\n\n  bob = " + BOB_KEY + "  \n");
    AccessKeys keys = AccessKeys.parse("@" + file);
    assertEquals(2, keys.size());
    assertEquals(Optional.of("bob"), keys.match(BOB_KEY));
  }

  @Test
  void missingFile_namesIt(@TempDir Path dir) {
    Path file = dir.resolve("absent");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AccessKeys.parse("@" + file));
    assertTrue(
        e.getMessage().startsWith("INSPECTOR_ACCESS_KEYS file '" + file + "' cannot be read"),
        e.getMessage());
  }

  @Test
  void errors_nameEntryButMaskKeys() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AccessKeys.parse("alice=short-secret"));
    assertEquals(
        "INSPECTOR_ACCESS_KEYS entry 1 (name 'alice') has an invalid key (value masked,"
            + " length 12): expected name=key pairs, comma-separated, or @FILE with one name=key per line;"
            + " a name is 1-64 of [A-Za-z0-9._@-], a key at least 16 of [A-Za-z0-9-._~+/] (generate one"
            + " with `openssl rand -base64 32`)",
        e.getMessage());
    assertFalse(e.getMessage().contains("short-secret"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AccessKeys.parse("no-equals-sign"))
            .getMessage()
            .startsWith("INSPECTOR_ACCESS_KEYS entry 1 has no name=key form"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AccessKeys.parse("a b=" + ALICE_KEY))
            .getMessage()
            .startsWith("INSPECTOR_ACCESS_KEYS entry 1 has an invalid name 'a b'"));
    assertEquals(
        "INSPECTOR_ACCESS_KEYS entry 2 repeats the name 'alice'; names must be unique",
        assertThrows(
                IllegalArgumentException.class,
                () -> AccessKeys.parse("alice=" + ALICE_KEY + ",alice=" + BOB_KEY))
            .getMessage());
    assertEquals(
        "INSPECTOR_ACCESS_KEYS entry 2 (name 'bob') reuses another name's key; every"
            + " principal needs its own key",
        assertThrows(
                IllegalArgumentException.class,
                () -> AccessKeys.parse("alice=" + ALICE_KEY + ",bob=" + ALICE_KEY))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> AccessKeys.parse("alice=" + ALICE_KEY + ",,"));
    assertThrows(
        IllegalArgumentException.class, () -> AccessKeys.parse("alice=key with spaces 1234567"));
  }

  @Test
  void toString_masksKeys() {
    assertEquals("AccessKeys[names=[alice, bob], keys=<masked>]", KEYS.toString());
  }

  @Test
  void bearerAuthenticator() {
    Authenticator a = Authenticator.accessKeys(KEYS, Set.of("alice"));
    AuthResult ok =
        a.authenticate(
            TrustedProxies.none()
                .effective(
                    RequestView.builder().header("Authorization", "bearer " + ALICE_KEY).build()));
    assertEquals(new Principal("access-key", "alice", "alice", Set.of("admin")), ok.principal());
    assertTrue(ok.explicit());
    AuthResult wrong =
        a.authenticate(
            TrustedProxies.none()
                .effective(
                    RequestView.builder()
                        .header("Authorization", "Bearer wrong-key-0123456789")
                        .build()));
    assertEquals("bearer token is not a known access key", wrong.failure());
    AuthResult malformed =
        a.authenticate(
            TrustedProxies.none()
                .effective(
                    RequestView.builder().header("Authorization", "Bearer a b\u0000").build()));
    assertEquals("malformed Authorization header", malformed.failure());
    assertEquals(
        AuthResult.none(),
        a.authenticate(TrustedProxies.none().effective(RequestView.builder().build())));
  }
}
