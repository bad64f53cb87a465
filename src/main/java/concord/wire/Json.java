package concord.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import concord.model.ETag;
import java.io.IOException;

/**
 * The JSON mapping shared by server and client, so both sides read what the other writes.
 * Strict on input: unknown fields, nulls for primitives and numbers-as-strings are errors, because a
 * silently ignored field is a silently lost edit.
 */
public final class Json {

    private Json() {
    }

    public static ObjectMapper newMapper() {
        SimpleModule etags = new SimpleModule("concord-etag");
        etags.addSerializer(ETag.class, new JsonSerializer<>() {
            @Override
            public void serialize(ETag value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.header());
            }
        });
        etags.addDeserializer(ETag.class, new JsonDeserializer<>() {
            @Override
            public ETag deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                try {
                    return ETag.parseHeader(text);
                } catch (IllegalArgumentException e) {
                    return (ETag) ctxt.handleWeirdStringValue(ETag.class, text, e.getMessage());
                }
            }
        });
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(etags)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
