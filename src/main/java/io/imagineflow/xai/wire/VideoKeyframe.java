package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code VideoKeyframe}: an image anchored at a time inside the video. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VideoKeyframe(Media image, float timestampS) {}
