package io.imagineflow.xai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * Body of {@code POST /v1/images/edits} (xAI's {@code EditImageRequest}): one {@code image}, or up to three
 * {@code images} referred to as {@code <IMAGE_0>}... in the prompt; never both.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EditImageRequest(
        String prompt,
        String model,
        Media image,
        List<Media> images,
        Integer n,
        String responseFormat,
        String aspectRatio,
        String resolution,
        String user,
        StorageOptions storageOptions,
        Boolean deferred,
        ImageOutput output) {

    public static EditImageRequest ofOne(String model, String prompt, Media image) {
        return new EditImageRequest(prompt, model, image, null, null, null, null, null, null, null, null, null);
    }

    public static EditImageRequest ofMany(String model, String prompt, List<Media> images) {
        return new EditImageRequest(
                prompt, model, null, List.copyOf(images), null, null, null, null, null, null, null, null);
    }

    public EditImageRequest withStorage(StorageOptions storage) {
        return new EditImageRequest(
                prompt,
                model,
                image,
                images,
                n,
                responseFormat,
                aspectRatio,
                resolution,
                user,
                storage,
                deferred,
                output);
    }

    public EditImageRequest asDeferred() {
        return new EditImageRequest(
                prompt,
                model,
                image,
                images,
                n,
                responseFormat,
                aspectRatio,
                resolution,
                user,
                storageOptions,
                true,
                output);
    }
}
