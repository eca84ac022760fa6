package io.imagineflow.xai;

import java.time.Instant;

/**
 * One generated image or video as the product sees it. {@code url} is xAI's ephemeral URL; {@code base64} is
 * set instead when the caller asked for {@code b64_json} (always bare, any {@code data:} prefix removed);
 * {@code stored} is set when {@code storage_options} persisted the output in xAI Files.
 */
public record GeneratedOutput(
        String url, String base64, String mimeType, Integer durationSeconds, StoredFile stored, String storageError) {

    /** Where the output lives in xAI Files, its public URL if any, and why a requested public URL is missing. */
    public record StoredFile(
            String fileId,
            String filename,
            Instant expiresAt,
            String publicUrl,
            Instant publicUrlExpiresAt,
            String publicUrlError) {}
}
