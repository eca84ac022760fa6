package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One generated image or video: xAI's ephemeral {@code url}, and when storage was asked for, the {@code fileId}
 * in xAI Files (the next job's input), its public URL, and why storing or publishing failed if it did.
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
        String publicUrlError) {}
