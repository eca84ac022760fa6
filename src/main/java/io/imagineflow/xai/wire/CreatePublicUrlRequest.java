package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code CreatePublicUrlRequest}; without an expiry the URL lives as long as the file. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreatePublicUrlRequest(Long expiresAfter) {}
