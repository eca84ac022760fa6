package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code MediaUsage}: the billed cost in ticks (1 USD = 10^10 ticks) and token counts. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record MediaUsage(
        long costInUsdTicks,
        Integer inputTokens,
        MediaInputTokensDetails inputTokensDetails,
        Integer outputTokens,
        MediaOutputTokensDetails outputTokensDetails,
        Integer totalTokens) {}
