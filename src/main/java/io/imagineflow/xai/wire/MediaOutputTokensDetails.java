package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code MediaOutputTokensDetails}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MediaOutputTokensDetails(int reasoningTokens, int textTokens, int imageTokens) {
}
