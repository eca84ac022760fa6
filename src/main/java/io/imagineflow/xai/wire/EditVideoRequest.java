package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /v1/videos/edits} (xAI's {@code EditVideoRequest}); the output keeps the input's length. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EditVideoRequest(
        String prompt, String model, Media video, String user, StorageOptions storageOptions, VideoOutput output) {

    public static EditVideoRequest of(String model, String prompt, Media video) {
        return new EditVideoRequest(prompt, model, video, null, null, null);
    }

    public EditVideoRequest withStorage(StorageOptions storage) {
        return new EditVideoRequest(prompt, model, video, user, storage, output);
    }
}
