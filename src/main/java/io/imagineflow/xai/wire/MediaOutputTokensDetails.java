package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code MediaOutputTokensDetails}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record MediaOutputTokensDetails(int reasoningTokens, int textTokens, int imageTokens) {}
