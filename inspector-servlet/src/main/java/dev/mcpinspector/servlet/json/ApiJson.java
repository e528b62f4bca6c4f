package dev.mcpinspector.servlet.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mcpinspector.servlet.sse.SseEvent;
import java.io.UncheckedIOException;

/**
 * The JSON conventions of the API, shared by responses and SSE payloads: records bind directly,
 * enums are written in lower case and read case-insensitively, {@code java.time} values are ISO
 * strings, unknown request fields are ignored, scalars are never coerced ({@code "5"} is not an
 * integer), {@code null} for a primitive and trailing content are errors.
 */
public final class ApiJson {

  private static final ObjectMapper MAPPER = newMapper();

  private ApiJson() {}

  /**
   * Returns a new mapper configured with the API conventions; callers may configure their copy.
   *
   * @return a new mapper
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .build();
  }

  /**
   * Serialises a value as compact JSON text, e.g. for an {@link SseEvent}'s data.
   *
   * @param value the value
   * @return the JSON text (single line)
   * @throws UncheckedIOException if the value cannot be serialised (a programming error)
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The shared mapper with the API conventions, for the adapter's own reading and writing. Callers
   * must not reconfigure it; use {@link #newMapper()} for a copy of their own.
   *
   * @return the shared mapper
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
