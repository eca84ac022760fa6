package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code VideoError}; the code is kept as text so that a code added later still reads. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record VideoError(String code, String message) {}
