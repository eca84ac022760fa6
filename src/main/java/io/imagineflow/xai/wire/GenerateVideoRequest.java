package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Body of {@code POST /v1/videos/generations} (xAI's {@code GenerateVideoRequest}). The mode follows from the
 * fields present: text only, {@code image} (the first frame), or {@code reference_images}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateVideoRequest(
        String prompt,
        String model,
        Integer duration,
        String aspectRatio,
        String resolution,
        Media image,
        List<Media> referenceImages,
        List<AudioUrl> referenceAudios,
        List<VideoKeyframe> keyframes,
        String user,
        StorageOptions storageOptions,
        VideoOutput output) {

    public static GenerateVideoRequest fromText(String model, String prompt, Integer duration) {
        return new GenerateVideoRequest(prompt, model, duration, null, null, null, null, null, null, null, null, null);
    }

    public static GenerateVideoRequest fromImage(String model, String prompt, Integer duration, Media firstFrame) {
        return new GenerateVideoRequest(
                prompt, model, duration, null, null, firstFrame, null, null, null, null, null, null);
    }

    public static GenerateVideoRequest fromReferences(
            String model, String prompt, Integer duration, List<Media> references) {
        return new GenerateVideoRequest(
                prompt, model, duration, null, null, null, List.copyOf(references), null, null, null, null, null);
    }

    public GenerateVideoRequest withStorage(StorageOptions storage) {
        return new GenerateVideoRequest(
                prompt,
                model,
                duration,
                aspectRatio,
                resolution,
                image,
                referenceImages,
                referenceAudios,
                keyframes,
                user,
                storage,
                output);
    }
}
