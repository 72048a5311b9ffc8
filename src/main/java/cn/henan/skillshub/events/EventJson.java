package cn.henan.skillshub.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON form of event data: ISO-8601 dates, absent values left out. Kept apart from the web layer's
 * mapper so an HTTP setting can never change the contract on the topics.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Event data serialised once into tokens, which the hub then reads twice: as the tree its schema check
     * validates, and as the bytes of the Kafka record's value. Serialising the data object itself — bean
     * properties, date formatting — is the costly part; replaying tokens is not. The bytes are exactly those of
     * {@code mapper().writeValueAsBytes(data)}: the same tokens, numbers included, through the same generator.
     */
    public static final class Serialised {

        private final TokenBuffer tokens;

        public Serialised(Object data) {
            tokens = new TokenBuffer(MAPPER, false);
            try {
                MAPPER.writeValue(tokens, data);
            } catch (IOException e) {
                throw new IllegalStateException("event data of " + data.getClass().getSimpleName()
                        + " cannot be serialised", e);
            }
        }

        public JsonNode tree() {
            try (JsonParser parser = tokens.asParser()) {
                return MAPPER.readTree(parser);
            } catch (IOException e) {
                throw new UncheckedIOException("event data tokens cannot be read back", e);
            }
        }

        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(512);
            try (JsonGenerator generator = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
                tokens.serialize(generator);
            } catch (IOException e) {
                throw new UncheckedIOException("event data tokens cannot be written", e);
            }
            return out.toByteArray();
        }
    }
}
