package io.imagineflow.job;

import java.util.List;

/**
 * An image or video input of a job: exactly one of a public https URL, a base64 data URI, a file already in
 * xAI Files, or an S3 object that submit uploads to xAI Files (once per object version) before the call.
 */
public sealed interface MediaRef permits MediaRef.Url, MediaRef.DataUri, MediaRef.FileId, MediaRef.S3Object {

    /** A public https URL that xAI fetches itself; the functions never fetch it. */
    record Url(String url) implements MediaRef {}

    /** Inline bytes, {@code data:<media type>;base64,<payload>}, already checked to hold what it claims. */
    record DataUri(String uri) implements MediaRef {}

    /** A file in xAI Files, used as it is: no download, no upload. */
    record FileId(String fileId) implements MediaRef {}

    /** An object in S3; {@code versionId} pins one version of a versioned bucket. */
    record S3Object(String bucket, String key, String versionId) implements MediaRef {
        /** The rule a key breaks, or null: no absolute keys, no '..' segments, no control characters. */
        public static String keyRule(String key) {
            return key.startsWith("/")
                            || List.of(key.split("/", -1)).contains("..")
                            || key.chars().anyMatch(Character::isISOControl)
                    ? "must not start with '/', contain a '..' segment or control characters"
                    : null;
        }

        public String describe() {
            return "s3://" + bucket + "/" + key + (versionId == null ? "" : "?versionId=" + versionId);
        }
    }
}
