package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** xAI's {@code ImageOutput}: signed URLs that xAI PUTs each image to, one per image. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImageOutput(List<String> uploadUrls) {}
