package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code CreatePublicUrlResponse}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreatePublicUrlResponse(String publicUrl, Long expiresAt) {
}
