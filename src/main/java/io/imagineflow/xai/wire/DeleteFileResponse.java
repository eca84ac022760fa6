package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code DeleteFileResponse}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeleteFileResponse(String id, boolean deleted, String object) {
}
