package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code RevokePublicUrlResponse}; {@code revoked} is false when there was nothing to revoke. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RevokePublicUrlResponse(String id, boolean revoked, String publicUrl) {
}
