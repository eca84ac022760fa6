package io.imagineflow.xai.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/** The JSON form of {@link Media}: {@code {"url": ...}} or {@code {"file_id": ...}}, never both. */
final class MediaJson {

    private MediaJson() {}

    static final class Writer extends StdSerializer<Media> {
        Writer() {
            super(Media.class);
        }

        @Override
        public void serialize(Media media, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            if (media instanceof Media.FileId f) {
                gen.writeStringField("file_id", f.fileId());
            } else {
                gen.writeStringField(
                        "url", media instanceof Media.DataUri d ? d.uri() : ((Media.HttpsUrl) media).url());
            }
            gen.writeEndObject();
        }
    }

    static final class Reader extends StdDeserializer<Media> {
        Reader() {
            super(Media.class);
        }

        @Override
        public Media deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.readValueAsTree();
            String url = text(node, "url");
            if (url == null) {
                url = text(node, "image_url"); // xAI's accepted alias
            }
            String fileId = text(node, "file_id");
            if ((url == null) == (fileId == null)) {
                return (Media) ctxt.handleUnexpectedToken(Media.class, p);
            }
            try {
                return url != null ? Media.ofUrl(url) : Media.ofFileId(fileId);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(url != null ? url : fileId, Media.class, e.getMessage());
            }
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }
}
