package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** xAI's {@code ImageGenerationModel}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record ImageGenerationModel(
        String id,
        String fingerprint,
        long maxPromptLength,
        long created,
        String object,
        String ownedBy,
        String version,
        List<String> inputModalities,
        List<String> outputModalities,
        long imagePrice,
        List<String> aliases,
        List<ImagePricingTier> pricing) {}
