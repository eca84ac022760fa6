package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code VideoResponse}: the state of a video request ({@code pending}, {@code done}, {@code failed}, {@code
 * expired}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record VideoResponse(
        String status, String model, Integer progress, GeneratedVideo video, MediaUsage usage, VideoError error) {}
