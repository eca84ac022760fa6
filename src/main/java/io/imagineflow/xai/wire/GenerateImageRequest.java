package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /v1/images/generations} (xAI's {@code GenerateImageRequest}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateImageRequest(
        String prompt,
        String model,
        Integer n,
        String responseFormat,
        String aspectRatio,
        String resolution,
        String user,
        StorageOptions storageOptions,
        Boolean deferred,
        ImageOutput output) {

    public static GenerateImageRequest of(String model, String prompt) {
        return new GenerateImageRequest(prompt, model, null, null, null, null, null, null, null, null);
    }

    public GenerateImageRequest withStorage(StorageOptions storage) {
        return new GenerateImageRequest(
                prompt, model, n, responseFormat, aspectRatio, resolution, user, storage, deferred, output);
    }

    public GenerateImageRequest asDeferred() {
        return new GenerateImageRequest(
                prompt, model, n, responseFormat, aspectRatio, resolution, user, storageOptions, true, output);
    }
}
