package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** xAI's {@code ListImageGenerationModelsResponse}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ListImageGenerationModelsResponse(List<ImageGenerationModel> models) {
}
