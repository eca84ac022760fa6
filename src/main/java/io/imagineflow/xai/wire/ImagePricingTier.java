package io.imagineflow.xai.wire;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code ImagePricingTier}; the price is in ticks. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImagePricingTier(String quality, String resolution, long pricePerImage) {
}
