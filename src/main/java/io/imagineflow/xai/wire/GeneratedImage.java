package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** xAI's {@code GeneratedImage}. {@code respect_moderation} is not in the schema but is sent (false: the image was
 * withheld by moderation). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true) // xAI adds fields; an old client must still read the answer
public record GeneratedImage(
        String url,
        String b64Json,
        String mimeType,
        FileOutput fileOutput,
        String storageError,
        Boolean respectModeration) {}
