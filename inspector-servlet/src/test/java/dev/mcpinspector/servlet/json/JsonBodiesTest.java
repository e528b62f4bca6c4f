package dev.mcpinspector.servlet.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mcpinspector.core.http.ProblemCode;
import dev.mcpinspector.core.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  enum Action {
    ACCEPT,
    DECLINE,
    CANCEL
  }

  record Answer(
      @JsonProperty(required = true) Action action, Map<String, Object> content, int count) {}

  record Inner(String name) {}

  record Outer(List<Inner> items) {}

  record Validated(String text) {
    Validated {
      Objects.requireNonNull(text, "text is required");
    }
  }

  private static ProblemException fail(String json, Class<?> type) {
    return assertThrows(
        ProblemException.class, () -> JsonBodies.bind(json.getBytes(StandardCharsets.UTF_8), type));
  }

  @Nested
  class Binding {
    @Test
    void bindsRecordWithLowerCaseEnum() {
      Answer a =
          JsonBodies.bind(
              "{\"action\":\"accept\",\"content\":{\"x\":1},\"count\":2}"
                  .getBytes(StandardCharsets.UTF_8),
              Answer.class);
      assertEquals(new Answer(Action.ACCEPT, Map.of("x", 1), 2), a);
    }

    @Test
    void writesEnumsInLowerCase() {
      assertEquals(
          "{\"action\":\"decline\",\"content\":null,\"count\":0}",
          ApiJson.write(new Answer(Action.DECLINE, null, 0)));
    }
  }

  @Nested
  class Errors {
    @Test
    void malformedJsonSaysWhere() {
      ProblemException e = fail("{\"action\":\n \"accept\",,}", Answer.class);
      assertEquals(ProblemCode.BAD_REQUEST, e.problem());
      assertEquals(
          "malformed JSON at line 2, column 11: Unexpected character (',' (code 44)): was"
              + " expecting double-quote to start field name",
          e.detail());
    }

    @Test
    void truncatedJsonSaysWhere() {
      ProblemException e = fail("{\"action\":\"accept\"", Answer.class);
      assertEquals(
          "malformed JSON at line 1, column 19: Unexpected end-of-input: expected close marker"
              + " for Object",
          e.detail());
    }

    @Test
    void unknownEnumValueNamesFieldAndAcceptedValues() {
      ProblemException e = fail("{\"action\":\"maybe\",\"count\":1}", Answer.class);
      assertEquals(
          "field 'action' must be one of [accept, decline, cancel], but was 'maybe'", e.detail());
    }

    @Test
    void wrongTypeNamesField() {
      ProblemException e = fail("{\"action\":\"accept\",\"count\":\"five\"}", Answer.class);
      assertEquals("field 'count' must be an integer, but was 'five'", e.detail());
    }

    @Test
    void numericStringIsNotCoercedToInteger() {
      ProblemException e = fail("{\"action\":\"accept\",\"count\":\"5\"}", Answer.class);
      assertEquals("field 'count' must be an integer, but was '5'", e.detail());
    }

    @Test
    void objectWhereStringExpectedNamesNestedField() {
      ProblemException e = fail("{\"items\":[{\"name\":\"a\"},{\"name\":{}}]}", Outer.class);
      assertEquals("field 'items[1].name' must be a string, but was an object", e.detail());
    }

    @Test
    void missingRequiredFieldIsNamed() {
      ProblemException e = fail("{\"count\":1}", Answer.class);
      assertEquals("field 'action' is required", e.detail());
    }

    @Test
    void missingPrimitiveIsRequired() {
      ProblemException e = fail("{\"action\":\"accept\"}", Answer.class);
      assertEquals("field 'count' is required", e.detail());
    }

    @Test
    void nullForPrimitiveIsNamed() {
      ProblemException e = fail("{\"action\":\"accept\",\"count\":null}", Answer.class);
      assertEquals("field 'count' must be an integer, but was null", e.detail());
    }

    @Test
    void constructorValidationMessageIsTheDetail() {
      ProblemException e = fail("{}", Validated.class);
      assertEquals("text is required", e.detail());
    }

    @Test
    void arrayInsteadOfObject() {
      ProblemException e = fail("[1,2]", Answer.class);
      assertEquals("request body must be an object, but was an array", e.detail());
    }

    @Test
    void trailingTokensAreRefused() {
      ProblemException e = fail("{\"action\":\"accept\"} {}", Answer.class);
      assertEquals(ProblemCode.BAD_REQUEST, e.problem());
    }

    @Test
    void literalNullBodyIsRefused() {
      ProblemException e = fail("null", Answer.class);
      assertEquals("request body must be an object, but was null", e.detail());
    }
  }

  @Nested
  class ContentType {
    @Test
    void acceptsJsonWithUtf8Charset() {
      JsonBodies.checkContentType("application/json; charset=UTF-8");
      JsonBodies.checkContentType("Application/JSON");
    }

    @Test
    void refusesMissingContentType() {
      ProblemException e =
          assertThrows(ProblemException.class, () -> JsonBodies.checkContentType(null));
      assertEquals("Content-Type must be application/json, but was missing", e.detail());
    }

    @Test
    void refusesOtherMediaType() {
      ProblemException e =
          assertThrows(ProblemException.class, () -> JsonBodies.checkContentType("text/plain"));
      assertEquals("Content-Type must be application/json, but was 'text/plain'", e.detail());
    }

    @Test
    void refusesOtherCharset() {
      ProblemException e =
          assertThrows(
              ProblemException.class,
              () -> JsonBodies.checkContentType("application/json; charset=iso-8859-1"));
      assertEquals("Content-Type charset must be utf-8, but was 'iso-8859-1'", e.detail());
    }
  }
}
