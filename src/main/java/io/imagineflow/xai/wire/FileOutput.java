package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code FileOutput}: where a generated output was stored in xAI Files, and its public URL or why it has
 * none. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record FileOutput(
        String fileId,
        String filename,
        Long expiresAt,
        String publicUrl,
        Long publicUrlExpiresAt,
        String publicUrlError) {}
