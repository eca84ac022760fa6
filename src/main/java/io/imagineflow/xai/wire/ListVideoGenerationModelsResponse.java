package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** xAI's {@code ListVideoGenerationModelsResponse}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ListVideoGenerationModelsResponse(List<VideoGenerationModel> models) {
}
