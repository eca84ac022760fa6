package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** xAI's {@code VideoGenerationModel}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record VideoGenerationModel(
        String id,
        String fingerprint,
        long created,
        String object,
        String ownedBy,
        String version,
        List<String> inputModalities,
        List<String> outputModalities,
        List<String> aliases) {}
