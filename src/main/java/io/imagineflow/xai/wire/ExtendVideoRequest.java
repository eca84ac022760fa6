package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /v1/videos/extensions} (xAI's {@code ExtendVideoRequest}); {@code duration} is the length
 * of the extension only. The schema has no {@code user} here.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtendVideoRequest(
        String prompt, String model, Media video, Integer duration, StorageOptions storageOptions, VideoOutput output) {

    public static ExtendVideoRequest of(String model, String prompt, Media video, Integer duration) {
        return new ExtendVideoRequest(prompt, model, video, duration, null, null);
    }

    public ExtendVideoRequest withStorage(StorageOptions storage) {
        return new ExtendVideoRequest(prompt, model, video, duration, storage, output);
    }
}
