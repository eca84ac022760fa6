package io.imagineflow.xai;

import io.imagineflow.xai.wire.CreatePublicUrlRequest;
import io.imagineflow.xai.wire.CreatePublicUrlResponse;
import io.imagineflow.xai.wire.DeleteFileResponse;
import io.imagineflow.xai.wire.EditImageRequest;
import io.imagineflow.xai.wire.EditVideoRequest;
import io.imagineflow.xai.wire.ExtendVideoRequest;
import io.imagineflow.xai.wire.GenerateImageRequest;
import io.imagineflow.xai.wire.GenerateVideoRequest;
import io.imagineflow.xai.wire.ImageGenerationModel;
import io.imagineflow.xai.wire.ListFilesResponse;
import io.imagineflow.xai.wire.RevokePublicUrlResponse;
import io.imagineflow.xai.wire.StartDeferredResponse;
import io.imagineflow.xai.wire.VideoGenerationModel;
import io.imagineflow.xai.wire.XaiFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The product's door to xAI: every operation of the Imagine and Files API, with the retry rules of
 * {@link XaiCalls} and xAI's answers turned into {@link GenerationStatus} outcomes by {@link XaiOutcomes}.
 */
@ApplicationScoped
public class XaiClient {

    private final XaiApi api;
    private final XaiCalls calls;
    private final XaiOutcomes outcomes;

    XaiClient(@RestClient XaiApi api, XaiCalls calls, XaiOutcomes outcomes) {
        this.api = api;
        this.calls = calls;
        this.outcomes = outcomes;
    }

    // --- images -------------------------------------------------------------------------------------------

    /** Generates and waits for the images (xAI answers when they are ready): {@link GenerationStatus.Done} or Moderated. */
    public GenerationStatus generateImage(GenerateImageRequest request) {
        requireNotDeferred(request.deferred());
        return moderatedAsOutcome(
                () -> outcomes.images(calls.send("generate image", () -> api.generateImage(request))));
    }

    /** Starts a deferred image generation and returns the request id to poll with {@link #imageStatus}. */
    public String startImageGeneration(GenerateImageRequest request) {
        return requestId(calls.send("generate image", () -> api.generateImageDeferred(request.asDeferred())));
    }

    public GenerationStatus editImage(EditImageRequest request) {
        requireNotDeferred(request.deferred());
        return moderatedAsOutcome(() -> outcomes.images(calls.send("edit image", () -> api.editImage(request))));
    }

    public String startImageEdit(EditImageRequest request) {
        return requestId(calls.send("edit image", () -> api.editImageDeferred(request.asDeferred())));
    }

    /** One look at a deferred image request. An unknown or expired id throws {@link XaiException.NotFound}. */
    public GenerationStatus imageStatus(String requestId) {
        // Reading the body is part of the retried call: an unreadable answer is asked for again.
        return moderatedAsOutcome(() -> calls.look("get image", () -> {
            try (Response response = api.getDeferredImage(requestId)) {
                return outcomes.deferredImage(response.getStatus(), body(response));
            }
        }));
    }

    // --- videos -------------------------------------------------------------------------------------------

    /** Text to video, image to video ({@code image}) or reference to video ({@code reference_images}). */
    public String startVideoGeneration(GenerateVideoRequest request) {
        return requestId(calls.send("generate video", () -> api.generateVideo(request)));
    }

    public String startVideoEdit(EditVideoRequest request) {
        return requestId(calls.send("edit video", () -> api.editVideo(request)));
    }

    public String startVideoExtension(ExtendVideoRequest request) {
        return requestId(calls.send("extend video", () -> api.extendVideo(request)));
    }

    /** One look at a video request; moderation (as HTTP 400 or as {@code respect_moderation: false}) is an outcome. */
    public GenerationStatus videoStatus(String requestId) {
        return moderatedAsOutcome(() -> calls.look("get video", () -> {
            try (Response response = api.getDeferredVideo(requestId)) {
                return outcomes.video(response.getStatus(), body(response));
            }
        }));
    }

    // --- models -------------------------------------------------------------------------------------------

    public List<ImageGenerationModel> imageModels() {
        return calls.read("list image models", api::listImageGenerationModels).models();
    }

    public ImageGenerationModel imageModel(String modelId) {
        return calls.read("get image model", () -> api.getImageGenerationModel(modelId));
    }

    public List<VideoGenerationModel> videoModels() {
        return calls.read("list video models", api::listVideoGenerationModels).models();
    }

    public VideoGenerationModel videoModel(String modelId) {
        return calls.read("get video model", () -> api.getVideoGenerationModel(modelId));
    }

    // --- files --------------------------------------------------------------------------------------------

    /**
     * Uploads a file from disk, streamed. {@code expiresAfterSeconds} (3600 to 2592000, or null for no expiry)
     * goes first because xAI refuses it after the file part.
     */
    public XaiFile uploadFile(Path file, String filename, String mediaType, Long expiresAfterSeconds) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(filename, "filename");
        return calls.send("upload file", () -> {
            ClientMultipartForm form = ClientMultipartForm.create();
            if (expiresAfterSeconds != null) {
                form.attribute("expires_after", String.valueOf(expiresAfterSeconds), null);
            }
            form.binaryFileUpload("file", filename, file.toString(), mediaType);
            return api.uploadFile(form);
        });
    }

    /** One page of files. */
    public ListFilesResponse listFiles(FileQuery query) {
        return calls.read(
                "list files",
                () -> api.listFiles(
                        query.limit(),
                        query.order(),
                        query.sortBy(),
                        query.paginationToken(),
                        query.after(),
                        query.filter()));
    }

    /**
     * Every file that matches, page after page. xAI's schema returns a token on every page and ends with a
     * short page; its proto leaves the token out on the last page. Both end the walk, as does a token seen twice.
     */
    public List<XaiFile> listAllFiles(FileQuery query) {
        List<XaiFile> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        FileQuery page = query;
        while (true) {
            ListFilesResponse response = listFiles(page);
            List<XaiFile> data = response.data() == null ? List.of() : response.data();
            all.addAll(data);
            String token = response.paginationToken();
            int limit = page.limit() == null ? FileQuery.DEFAULT_LIMIT : page.limit();
            if (token == null || token.isEmpty() || data.size() < limit || !seen.add(token)) {
                return all;
            }
            page = page.withPaginationToken(token);
        }
    }

    public XaiFile retrieveFile(String fileId) {
        return calls.read("retrieve file", () -> api.retrieveFile(fileId));
    }

    public DeleteFileResponse deleteFile(String fileId) {
        return calls.read("delete file", () -> api.deleteFile(fileId));
    }

    /** The file's bytes as they arrive; the caller closes the stream. {@code format} is original (default) or text. */
    public InputStream openFileContent(String fileId, String format) {
        return calls.read("download file", () -> api.downloadFileContent(fileId, format));
    }

    /** Streams the file's bytes to {@code target} without holding them in memory; returns the byte count. */
    public long downloadFileContent(String fileId, Path target) {
        try (InputStream in = openFileContent(fileId, null)) {
            return Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save file " + fileId + " to " + target, e);
        }
    }

    /** Creates (or returns the existing) public URL of a file; null expiry follows the file's own. */
    public CreatePublicUrlResponse createPublicUrl(String fileId, Long expiresAfterSeconds) {
        return calls.read(
                "create public URL",
                () -> api.createPublicUrl(fileId, new CreatePublicUrlRequest(expiresAfterSeconds)));
    }

    public RevokePublicUrlResponse revokePublicUrl(String fileId) {
        return calls.read("revoke public URL", () -> api.revokePublicUrl(fileId));
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private static void requireNotDeferred(Boolean deferred) {
        if (Boolean.TRUE.equals(deferred)) {
            throw new IllegalArgumentException("a deferred request starts with startImageGeneration/startImageEdit");
        }
    }

    private static String requestId(StartDeferredResponse started) {
        if (started == null
                || started.requestId() == null
                || started.requestId().isBlank()) {
            throw new XaiException.Unavailable(
                    "xAI accepted the request but sent no request_id",
                    200,
                    null,
                    XaiException.Unavailable.Reason.MALFORMED_RESPONSE,
                    null);
        }
        return started.requestId();
    }

    private static GenerationStatus moderatedAsOutcome(java.util.function.Supplier<GenerationStatus> call) {
        try {
            return call.get();
        } catch (XaiException.Moderated moderated) {
            return new GenerationStatus.Moderated(moderated.getMessage(), new Cost(moderated.costInUsdTicks()));
        }
    }

    private static String body(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException e) {
            throw XaiCalls.failureWithoutAnswer(e);
        }
    }
}
