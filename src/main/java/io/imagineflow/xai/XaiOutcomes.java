package io.imagineflow.xai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.xai.wire.FileOutput;
import io.imagineflow.xai.wire.GeneratedImage;
import io.imagineflow.xai.wire.GeneratedImageResponse;
import io.imagineflow.xai.wire.GeneratedVideo;
import io.imagineflow.xai.wire.GetDeferredImageResponse;
import io.imagineflow.xai.wire.MediaUsage;
import io.imagineflow.xai.wire.VideoResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads xAI's generation answers (images, deferred images, videos) into {@link GenerationStatus} outcomes. */
@ApplicationScoped
class XaiOutcomes {

    private final ObjectMapper json;

    XaiOutcomes(ObjectMapper json) {
        this.json = json;
    }

    GenerationStatus images(GeneratedImageResponse response) {
        if (response == null || response.data() == null) {
            throw malformed("an image answer without data");
        }
        return images(null, response.data(), response.usage());
    }

    /** {@code GET /v1/images/{id}}: 202 is pending whatever its body; 200 carries done or failed. */
    GenerationStatus deferredImage(int httpStatus, String body) {
        if (httpStatus == 202) {
            return pending(body);
        }
        GetDeferredImageResponse response = parse(body, GetDeferredImageResponse.class);
        String status = response.status() == null ? "" : response.status();
        return switch (status) {
            case "done" -> images(null, response.data() == null ? List.of() : response.data(), response.usage());
            case "failed" ->
                new GenerationStatus.Failed(
                        response.error() == null ? "unknown" : response.error().code(),
                        response.error() == null
                                ? "xAI gave no details"
                                : response.error().message(),
                        cost(response.usage()));
            case "expired" -> new GenerationStatus.Expired();
            default -> new GenerationStatus.Pending(null);
        };
    }

    /** {@code GET /v1/videos/{id}}: 202 is pending; 200 is done, failed or expired; a status unknown here is pending. */
    GenerationStatus video(int httpStatus, String body) {
        if (httpStatus == 202) {
            return pending(body);
        }
        VideoResponse response = parse(body, VideoResponse.class);
        GeneratedVideo video = response.video();
        String status = response.status();
        if (status == null && video != null && video.url() != null) {
            status = "done"; // some answers leave the status out once the video is there
        }
        if (status == null) {
            status = "";
        }
        return switch (status) {
            case "done" -> videoDone(response, video);
            case "failed" ->
                new GenerationStatus.Failed(
                        response.error() == null ? "unknown" : response.error().code(),
                        response.error() == null
                                ? "xAI gave no details"
                                : response.error().message(),
                        cost(response.usage()));
            case "expired" -> new GenerationStatus.Expired();
            default -> new GenerationStatus.Pending(response.progress());
        };
    }

    private GenerationStatus videoDone(VideoResponse response, GeneratedVideo video) {
        Cost cost = cost(response.usage());
        if (video != null && Boolean.FALSE.equals(video.respectModeration())) {
            return new GenerationStatus.Moderated("xAI withheld the video (respect_moderation is false)", cost);
        }
        if (video == null || (blank(video.url()) && video.fileOutput() == null)) {
            return new GenerationStatus.Failed("missing_output", "xAI reported done without a video", cost);
        }
        GeneratedOutput output = new GeneratedOutput(
                blank(video.url()) ? null : video.url(),
                null,
                "video/mp4",
                video.duration(),
                stored(video.fileOutput()),
                video.storageError());
        return new GenerationStatus.Done(response.model(), List.of(output), 0, cost);
    }

    private GenerationStatus images(String model, List<GeneratedImage> data, MediaUsage usage) {
        Cost cost = cost(usage);
        List<GeneratedOutput> outputs = new ArrayList<>();
        int withheld = 0;
        for (GeneratedImage image : data) {
            if (Boolean.FALSE.equals(image.respectModeration())) {
                withheld++;
                continue;
            }
            outputs.add(new GeneratedOutput(
                    blank(image.url()) ? null : image.url(),
                    bareBase64(image.b64Json()),
                    image.mimeType(),
                    null,
                    stored(image.fileOutput()),
                    image.storageError()));
        }
        if (outputs.isEmpty() && withheld > 0) {
            return new GenerationStatus.Moderated("xAI withheld every image (respect_moderation is false)", cost);
        }
        if (outputs.isEmpty()) {
            return new GenerationStatus.Failed("missing_output", "xAI reported done without an image", cost);
        }
        return new GenerationStatus.Done(model, outputs, withheld, cost);
    }

    private GenerationStatus pending(String body) {
        if (blank(body)) {
            return new GenerationStatus.Pending(null);
        }
        try {
            VideoResponse progress = json.readValue(body, VideoResponse.class);
            return new GenerationStatus.Pending(progress.progress());
        } catch (JsonProcessingException unreadable) {
            return new GenerationStatus.Pending(null); // a 202 says pending whatever its body holds
        }
    }

    private <T> T parse(String body, Class<T> type) {
        if (blank(body)) {
            throw malformed("an empty answer");
        }
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new XaiException.Unavailable(
                    "xAI's answer could not be read as " + type.getSimpleName(),
                    200,
                    null,
                    XaiException.Unavailable.Reason.MALFORMED_RESPONSE,
                    e);
        }
    }

    /** xAI sends bare base64, but older answers carried a {@code data:image/...;base64,} prefix. */
    static String bareBase64(String b64) {
        if (b64 == null) {
            return null;
        }
        int comma = b64.indexOf("base64,");
        return b64.startsWith("data:") && comma > 0 ? b64.substring(comma + "base64,".length()) : b64;
    }

    private static GeneratedOutput.StoredFile stored(FileOutput file) {
        if (file == null) {
            return null;
        }
        return new GeneratedOutput.StoredFile(
                file.fileId(),
                file.filename(),
                instant(file.expiresAt()),
                file.publicUrl(),
                instant(file.publicUrlExpiresAt()),
                file.publicUrlError());
    }

    private static Cost cost(MediaUsage usage) {
        return usage == null ? Cost.NONE : new Cost(usage.costInUsdTicks());
    }

    private static Instant instant(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static XaiException.Unavailable malformed(String what) {
        return new XaiException.Unavailable(
                "xAI sent " + what, 200, null, XaiException.Unavailable.Reason.MALFORMED_RESPONSE, null);
    }
}
