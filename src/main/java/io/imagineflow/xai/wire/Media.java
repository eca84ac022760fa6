package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image or video input (xAI's {@code ImageUrl} and {@code VideoUrl}): exactly one of a public https URL,
 * a base64 data URI or a {@code file_id} from xAI Files. On the wire the first two are {@code {"url": ...}}
 * and the third is {@code {"file_id": ...}}; the schema cannot say "exactly one", this type does.
 */
@JsonSerialize(using = MediaJson.Writer.class)
@JsonDeserialize(using = MediaJson.Reader.class)
public sealed interface Media permits Media.HttpsUrl, Media.DataUri, Media.FileId {

    Pattern FILE_ID = Pattern.compile("file_[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    Pattern DATA_URI = Pattern.compile("data:([a-z]+/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=\\r\\n]+)");

    /** Reads a {@code url} value the way xAI does: a data URI or a public https URL. */
    static Media ofUrl(String url) {
        Objects.requireNonNull(url, "url");
        return url.startsWith("data:") ? new DataUri(url) : new HttpsUrl(url);
    }

    static Media ofFileId(String fileId) {
        return new FileId(fileId);
    }

    /** A public URL that xAI fetches itself; plain http is refused because xAI refuses it too. */
    record HttpsUrl(String url) implements Media {
        public HttpsUrl {
            Objects.requireNonNull(url, "url");
            if (!url.regionMatches(true, 0, "https://", 0, 8) || url.length() <= 8) {
                throw new IllegalArgumentException("url must be an https URL");
            }
        }
    }

    /** Inline bytes as {@code data:<media type>;base64,<payload>}. */
    record DataUri(String uri) implements Media {
        public DataUri {
            Objects.requireNonNull(uri, "uri");
            if (!DATA_URI.matcher(uri).matches()) {
                throw new IllegalArgumentException("url must be a base64 data URI (data:<type>;base64,<data>)");
            }
        }

        public String mediaType() {
            return uri.substring(5, uri.indexOf(';'));
        }
    }

    /** A file already stored in xAI Files, used without a download or an upload. */
    record FileId(String fileId) implements Media {
        public FileId {
            Objects.requireNonNull(fileId, "fileId");
            if (!FILE_ID.matcher(fileId).matches()) {
                throw new IllegalArgumentException("file_id must look like file_<id> (letters, digits, '-' and '_')");
            }
        }
    }
}
