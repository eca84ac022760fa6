package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** xAI's {@code GeneratedImageResponse}: the answer of a non-deferred image generation or edit. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GeneratedImageResponse(List<GeneratedImage> data, MediaUsage usage) {
}
