package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One generated image or video: xAI's ephemeral {@code url}, and when storage was asked for, the {@code fileId}
 * in xAI Files (the next job's input), its public URL, and why storing or publishing failed if it did. When the
 * job delivers to S3, {@code s3} is the object as a HEAD found it and {@code deliveredBy} how it got there.
 * Instants are ISO-8601 strings in JSON.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobOutput(
        String url,
        String mediaType,
        Integer durationSeconds,
        String fileId,
        String filename,
        Instant expiresAt,
        String publicUrl,
        Instant publicUrlExpiresAt,
        String storageError,
        String publicUrlError,
        S3Location s3,
        Arrival deliveredBy) {

    /** An output known only from S3 (a recovered job: xAI's answer never arrived). */
    public static JobOutput found(S3Location s3) {
        return new JobOutput(
                null, s3.contentType(), null, null, null, null, null, null, null, null, s3, Arrival.XAI_UPLOAD);
    }

    /** This output, delivered to {@code location}. */
    public JobOutput delivered(S3Location location, Arrival arrival) {
        return new JobOutput(
                url,
                mediaType,
                durationSeconds,
                fileId,
                filename,
                expiresAt,
                publicUrl,
                publicUrlExpiresAt,
                storageError,
                publicUrlError,
                location,
                arrival);
    }
}
