package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code GeneratedVideo}; {@code respect_moderation} false means the video was withheld by moderation. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GeneratedVideo(String url, Integer duration, Boolean respectModeration, FileOutput fileOutput, String storageError) {
}
