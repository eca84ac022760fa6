package io.imagineflow.job;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one image or video input. It may be written as a string ({@code "https://..."}, {@code "data:..."},
 * {@code "file_..."}, {@code "s3://bucket/key"}) or as an object with exactly one of {@code url},
 * {@code file_id} and {@code s3}. Each kind gets xAI's rules, checked here so a bad input costs no call.
 */
final class MediaReader {

    /** What an input must hold. */
    enum Kind {
        IMAGE(List.of("image/png", "image/jpeg", "image/webp"), "an image (PNG, JPEG or WebP)"),
        VIDEO(List.of("video/mp4"), "an MP4 video");

        final List<String> mediaTypes;
        final String description;

        Kind(List<String> mediaTypes, String description) {
            this.mediaTypes = mediaTypes;
            this.description = description;
        }
    }

    static final Pattern FILE_ID = Pattern.compile("file_[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final Pattern DATA_URI = Pattern.compile("data:([^;,]*);base64,(.*)", Pattern.DOTALL);
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_KEY_LENGTH = 1024;

    private final int maxDataUriBytes;

    MediaReader(int maxDataUriBytes) {
        this.maxDataUriBytes = maxDataUriBytes;
    }

    MediaRef read(JsonNode node, String field, Kind kind, Fields fields) {
        if (node == null || node.isNull()) {
            fields.fail(field, "is required");
            return null;
        }
        if (node.isTextual()) {
            return fromString(node.textValue(), field, kind, fields);
        }
        if (!node.isObject()) {
            fields.fail(field, "must be a string or an object with one of url, file_id, s3");
            return null;
        }
        fields.onlyKnown(node, field, Set.of("url", "file_id", "s3"));
        if (node.size() != 1) {
            fields.fail(field, "give exactly one of url, file_id and s3");
            return null;
        }
        if (node.has("url")) {
            String url = fields.string(node, "url", field);
            return url == null ? null : url(url, field + ".url", kind, fields);
        }
        if (node.has("file_id")) {
            String id = fields.string(node, "file_id", field);
            return id == null ? null : fileId(id, field + ".file_id", fields);
        }
        JsonNode s3 = fields.object(node, "s3", field);
        return s3 == null ? null : s3(s3, field + ".s3", fields);
    }

    private MediaRef fromString(String value, String field, Kind kind, Fields fields) {
        if (value.startsWith("file_")) {
            return fileId(value, field, fields);
        }
        if (value.startsWith("s3://")) {
            String rest = value.substring("s3://".length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                fields.fail(field, "an S3 location is s3://<bucket>/<key>");
                return null;
            }
            return s3(rest.substring(0, slash), rest.substring(slash + 1), null, field, fields);
        }
        return url(value, field, kind, fields);
    }

    private MediaRef url(String value, String field, Kind kind, Fields fields) {
        if (value.startsWith("data:")) {
            return dataUri(value, field, kind, fields);
        }
        if (!value.regionMatches(true, 0, "https://", 0, "https://".length())) {
            fields.fail(
                    field,
                    "must be an https URL, a base64 data URI, a file_id or an S3 object"
                            + " (xAI fetches URLs over https only)");
            return null;
        }
        if (value.length() > MAX_URL_LENGTH) {
            fields.fail(field, "a URL may be at most " + MAX_URL_LENGTH + " characters");
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            fields.fail(field, "is not a valid URL: " + e.getReason());
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            fields.fail(field, "a URL needs a host");
            return null;
        }
        if (kind == Kind.VIDEO
                && (uri.getPath() == null
                        || !uri.getPath().toLowerCase(Locale.ROOT).endsWith(".mp4"))) {
            fields.fail(field, "a video URL must point at an .mp4 file");
            return null;
        }
        return new MediaRef.Url(value);
    }

    private MediaRef dataUri(String value, String field, Kind kind, Fields fields) {
        Matcher m = DATA_URI.matcher(value);
        if (!m.matches()) {
            fields.fail(field, "a data URI must be data:<media type>;base64,<data>");
            return null;
        }
        String declared = m.group(1).toLowerCase(Locale.ROOT);
        if (!kind.mediaTypes.contains(declared)) {
            fields.fail(
                    field,
                    "a data URI here must be " + String.join(", ", kind.mediaTypes) + " (was \"" + declared + "\")");
            return null;
        }
        // Decoded size, estimated before decoding so an oversized input is not copied into memory again.
        long estimated = (long) m.group(2).length() * 3 / 4;
        if (estimated > maxDataUriBytes + 3L) {
            fields.fail(
                    field,
                    "a data URI may hold at most " + maxDataUriBytes + " bytes (this one holds about " + estimated
                            + "); upload bigger inputs to xAI Files or S3 and pass a file_id or an S3 object");
            return null;
        }
        byte[] bytes;
        try {
            // Strict apart from line breaks, which some encoders insert every 76 characters.
            bytes = Base64.getDecoder().decode(m.group(2).replace("\r", "").replace("\n", ""));
        } catch (IllegalArgumentException e) {
            fields.fail(field, "the data URI's payload is not valid base64");
            return null;
        }
        String actual = Sniff.mediaType(bytes);
        if (!declared.equals(actual)) {
            fields.fail(
                    field,
                    "the data URI says " + declared + " but holds "
                            + (actual == null ? "something that is not " + kind.description : actual));
            return null;
        }
        return new MediaRef.DataUri(value);
    }

    private static MediaRef fileId(String value, String field, Fields fields) {
        if (!FILE_ID.matcher(value).matches()) {
            fields.fail(
                    field,
                    "a file_id looks like file_<id> (letters, digits, '-' and '_', at most 133" + " characters)");
            return null;
        }
        return new MediaRef.FileId(value);
    }

    private static MediaRef s3(JsonNode node, String field, Fields fields) {
        fields.onlyKnown(node, field, Set.of("bucket", "key", "version_id"));
        String bucket = fields.string(node, "bucket", field);
        String key = fields.string(node, "key", field);
        String version = fields.string(node, "version_id", field);
        return s3(bucket, key, version, field, fields);
    }

    static MediaRef s3(String bucket, String key, String versionId, String field, Fields fields) {
        int before = fields.violations().size();
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            fields.fail(
                    field + ".bucket", "must be an S3 bucket name (3 to 63 lowercase letters, digits, '.' and '-')");
        }
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            fields.fail(field + ".key", "must be an S3 key of 1 to " + MAX_KEY_LENGTH + " characters");
        } else {
            String broken = MediaRef.S3Object.keyRule(key);
            if (broken != null) {
                fields.fail(field + ".key", broken);
            }
        }
        if (versionId != null && (versionId.isEmpty() || versionId.length() > MAX_KEY_LENGTH)) {
            fields.fail(field + ".version_id", "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return fields.violations().size() > before ? null : new MediaRef.S3Object(bucket, key, versionId);
    }
}
