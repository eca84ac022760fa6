package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code File}: a stored file. There is no status field; a listed file is fully uploaded. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record XaiFile(
        String id,
        String object,
        long bytes,
        long createdAt,
        Long expiresAt,
        String filename,
        String purpose,
        String publicUrl,
        Long publicUrlExpiresAt) {}
