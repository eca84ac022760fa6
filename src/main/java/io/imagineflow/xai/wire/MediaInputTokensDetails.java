package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code MediaInputTokensDetails}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MediaInputTokensDetails(int textTokens, int imageTokens, int cachedTokens) {
}
