package dev.mcpinspector.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesClaims() {
    Map<String, Object> m =
        Json.parseObject(
            "{\"sub\":\"alice\",\"exp\":1700000000,\"aud\":[\"a\",\"b\"],\"x\":null,\"t\":true,"
                + "\"f\":false,\"n\":-1.5e2,\"o\":{\"k\":\"v\"},\"s\":\"\\u00e9\\n\\\"\\/\"}");
    assertEquals("alice", m.get("sub"));
    assertEquals(new BigDecimal("1700000000"), m.get("exp"));
    assertEquals(List.of("a", "b"), m.get("aud"));
    assertSame(Json.NULL, m.get("x"));
    assertEquals(Boolean.TRUE, m.get("t"));
    assertEquals(Boolean.FALSE, m.get("f"));
    assertEquals(new BigDecimal("-1.5e2"), m.get("n"));
    assertEquals(Map.of("k", "v"), m.get("o"));
    assertEquals("\u00e9\n\"/", m.get("s"));
  }

  @Test
  void whitespaceAndEmptyContainers() {
    assertEquals(Map.of(), Json.parseObject(" \t\r\n{ } "));
    assertEquals(List.of(), Json.parse("[]"));
    assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""));
  }

  @Test
  void duplicateMembers_areRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Json.parseObject("{\"alg\":\"HS256\",\"alg\":\"none\"}"));
    assertTrue(e.getMessage().endsWith("duplicate member name"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parseObject("{\"a\":null,\"a\":null}"));
  }

  @Test
  void hostileInput_isRefused() {
    String[] bad = {
      "",
      "{",
      "}",
      "{\"a\"}",
      "{\"a\":}",
      "{\"a\":1,}",
      "[1,]",
      "{a:1}",
      "{'a':1}",
      "01",
      "-",
      "1.",
      ".5",
      "1e",
      "+1",
      "NaN",
      "Infinity",
      "tru",
      "nul",
      "\"abc",
      "\"\\x\"",
      "\"\\u12\"",
      "\"\\uZZZZ\"",
      "\"a\u0001b\"",
      "\"\\ud800\"",
      "\"\\udc00\"",
      "\"\\ud800x\"",
      "{} {}",
      "{}x",
      "[1 2]",
      "{\"a\" 1}",
      "1e99999",
      "\"\\u\uff10\uff10\uff10\uff10\"",
      "[" + "1".repeat(70) + "]"
    };
    for (String s : bad) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(s), s);
    }
  }

  @Test
  void deepNesting_isRefusedWithoutStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    Json.parse(ok);
    String tooDeep = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
    assertThrows(IllegalArgumentException.class, () -> Json.parse(tooDeep));
  }

  @Test
  void oversizedInput_isRefused() {
    String big = "\"" + "a".repeat(Json.MAX_LENGTH) + "\"";
    assertEquals(
        "JSON longer than 16384 characters",
        assertThrows(IllegalArgumentException.class, () -> Json.parse(big)).getMessage());
  }

  @Test
  void nonObjectWhereObjectExpected() {
    assertEquals(
        "expected a JSON object",
        assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]")).getMessage());
  }
}
