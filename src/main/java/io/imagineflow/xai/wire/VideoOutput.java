package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code VideoOutput}: a signed URL that xAI PUTs the video to. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VideoOutput(String uploadUrl) {}
