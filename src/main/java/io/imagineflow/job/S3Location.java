package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An output as S3 holds it, checked by a HEAD: where, which version, and what it is. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record S3Location(String bucket, String key, String versionId, String etag, long bytes, String contentType) {

    /** S3 holds what a job output must be: some bytes, of an image type or MP4. */
    public String refusal() {
        if (bytes <= 0) {
            return "is empty";
        }
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (!(type.startsWith("image/") || type.equals("video/mp4"))) {
            return "has content type " + contentType + ", not an image or video/mp4";
        }
        return null;
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
