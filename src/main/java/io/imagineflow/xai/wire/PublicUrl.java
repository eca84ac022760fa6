package io.imagineflow.xai.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * xAI's {@code PublicUrlInput}: {@code true}/{@code false}, or {@code {"expires_after": N}} for a URL that
 * expires on its own schedule. Without its own expiry the URL lives as long as the file.
 */
@JsonSerialize(using = PublicUrl.Writer.class)
@JsonDeserialize(using = PublicUrl.Reader.class)
public record PublicUrl(boolean enabled, Long expiresAfter) {

    public static PublicUrl of(boolean enabled) {
        return new PublicUrl(enabled, null);
    }

    public static PublicUrl expiringAfter(long seconds) {
        return new PublicUrl(true, seconds);
    }

    static final class Writer extends StdSerializer<PublicUrl> {
        Writer() {
            super(PublicUrl.class);
        }

        @Override
        public void serialize(PublicUrl value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.expiresAfter() == null || !value.enabled()) {
                gen.writeBoolean(value.enabled());
            } else {
                gen.writeStartObject();
                gen.writeNumberField("expires_after", value.expiresAfter());
                gen.writeEndObject();
            }
        }
    }

    static final class Reader extends StdDeserializer<PublicUrl> {
        Reader() {
            super(PublicUrl.class);
        }

        @Override
        public PublicUrl deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            if (node.isBoolean()) {
                return of(node.booleanValue());
            }
            JsonNode expires = node.get("expires_after");
            return new PublicUrl(true, expires == null || expires.isNull() ? null : expires.asLong());
        }
    }
}
