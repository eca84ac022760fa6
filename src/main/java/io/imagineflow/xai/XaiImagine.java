package io.imagineflow.xai;

import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.Imagine;
import io.imagineflow.job.JobCost;
import io.imagineflow.job.JobFailure;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobOutput;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobStatus;
import io.imagineflow.job.JobThrottled;
import io.imagineflow.job.JobUnauthorized;
import io.imagineflow.job.JobUnavailable;
import io.imagineflow.job.MediaRef;
import io.imagineflow.job.Operation;
import io.imagineflow.xai.wire.EditImageRequest;
import io.imagineflow.xai.wire.EditVideoRequest;
import io.imagineflow.xai.wire.ExtendVideoRequest;
import io.imagineflow.xai.wire.GenerateImageRequest;
import io.imagineflow.xai.wire.GenerateVideoRequest;
import io.imagineflow.xai.wire.ImageOutput;
import io.imagineflow.xai.wire.Media;
import io.imagineflow.xai.wire.PublicUrl;
import io.imagineflow.xai.wire.StorageOptions;
import io.imagineflow.xai.wire.VideoOutput;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The job services' view of xAI ({@link Imagine}): a job request becomes the request body of its endpoint, xAI's
 * outcomes become job outcomes, and xAI's errors become the job errors the state machine understands.
 */
@ApplicationScoped
public class XaiImagine implements Imagine {

    private final XaiClient client;
    private final XaiMedia media;

    XaiImagine(XaiClient client, XaiMedia media) {
        this.client = client;
        this.media = media;
    }

    @Override
    public Started start(String jobId, JobRequest request, List<URI> uploadUrls) {
        try {
            return new Started.Accepted(send(request, uploadUrls));
        } catch (XaiException.Moderated moderated) {
            return new Started.Ended(
                    JobStatus.MODERATED,
                    JobFailure.of(ErrorCode.XAI_MODERATED, moderated.getMessage()),
                    XaiOutputs.cost(new Cost(moderated.costInUsdTicks())));
        } catch (XaiException.Unavailable lost) {
            if (lost.reason() == XaiException.Unavailable.Reason.NOT_CONNECTED) {
                throw new JobUnavailable(lost.getMessage(), lost);
            }
            // xAI may have taken (and will bill) the job: starting it again could pay twice, so it ends here.
            return new Started.Ended(
                    JobStatus.FAILED,
                    JobFailure.of(
                            ErrorCode.XAI_OUTCOME_UNKNOWN,
                            lost.getMessage()
                                    + "; xAI may have started the job, which is not sent again so that it is never paid twice"),
                    null);
        } catch (XaiException e) {
            throw asJobError(e);
        }
    }

    @Override
    public Download open(JobOutput output) {
        return media.open(output);
    }

    private String send(JobRequest r, List<URI> uploadUrls) {
        JobRequest.Options o = r.options();
        JobRequest.Inputs in = r.inputs();
        StorageOptions storage = storage(r.storage());
        List<String> urls = uploadUrls.stream().map(URI::toString).toList();
        ImageOutput imageOutput = urls.isEmpty() ? null : new ImageOutput(urls);
        VideoOutput videoOutput = urls.isEmpty() ? null : new VideoOutput(urls.get(0));
        return switch (r.operation()) {
            case IMAGE_GENERATE ->
                client.startImageGeneration(new GenerateImageRequest(
                        r.prompt(),
                        r.model(),
                        o.n(),
                        null,
                        o.aspectRatio(),
                        o.resolution(),
                        r.user(),
                        storage,
                        true,
                        imageOutput));
            case IMAGE_EDIT ->
                client.startImageEdit(new EditImageRequest(
                        r.prompt(),
                        r.model(),
                        media(in.image()),
                        in.images().isEmpty() ? null : media(in.images()),
                        o.n(),
                        null,
                        o.aspectRatio(),
                        o.resolution(),
                        r.user(),
                        storage,
                        true,
                        imageOutput));
            case TEXT_TO_VIDEO, IMAGE_TO_VIDEO, REFERENCE_TO_VIDEO ->
                client.startVideoGeneration(new GenerateVideoRequest(
                        r.prompt(),
                        r.model(),
                        o.duration(),
                        o.aspectRatio(),
                        o.resolution(),
                        media(in.image()),
                        in.referenceImages().isEmpty() ? null : media(in.referenceImages()),
                        null,
                        null,
                        r.user(),
                        storage,
                        videoOutput));
            case VIDEO_EDIT ->
                client.startVideoEdit(
                        new EditVideoRequest(r.prompt(), r.model(), media(in.video()), r.user(), storage, videoOutput));
            // xAI's extension request has no user field.
            case VIDEO_EXTEND ->
                client.startVideoExtension(new ExtendVideoRequest(
                        r.prompt(), r.model(), media(in.video()), o.duration(), storage, videoOutput));
        };
    }

    @Override
    public Check check(Operation operation, String xaiRequestId) {
        GenerationStatus status;
        try {
            status = operation.video() ? client.videoStatus(xaiRequestId) : client.imageStatus(xaiRequestId);
        } catch (XaiException.NotFound gone) {
            return ended(
                    JobStatus.EXPIRED,
                    null,
                    JobFailure.of(
                            ErrorCode.XAI_EXPIRED,
                            "xAI no longer knows request " + xaiRequestId + " (unknown or expired)"));
        } catch (XaiException.InvalidRequest refused) {
            return ended(JobStatus.FAILED, null, JobFailure.of(ErrorCode.JOB_INVALID, refused.getMessage()));
        } catch (XaiException e) {
            throw asJobError(e);
        }
        return XaiOutputs.check(status);
    }

    @Override
    public String upload(Path file, String filename, String mediaType, Duration expiresAfter) {
        try {
            return client.uploadFile(file, filename, mediaType, expiresAfter == null ? null : expiresAfter.toSeconds())
                    .id();
        } catch (XaiException.Unavailable e) {
            // An upload twice costs no generation, so any lost upload is safe to try again.
            throw new JobUnavailable(e.getMessage(), e);
        } catch (XaiException e) {
            throw asJobError(e);
        }
    }

    @Override
    public void delete(String fileId) {
        try {
            client.deleteFile(fileId);
        } catch (XaiException.NotFound alreadyGone) {
            // Nothing to remove.
        } catch (XaiException e) {
            throw asJobError(e);
        }
    }

    static Check ended(JobStatus status, JobCost cost, JobFailure failure) {
        return new Check(status, null, null, cost, failure);
    }

    private static RuntimeException asJobError(XaiException e) {
        if (e instanceof XaiException.Throttled throttled) {
            return new JobThrottled(e.getMessage(), Math.max(0, throttled.retryAfterSeconds()), e);
        }
        if (e instanceof XaiException.Unavailable) {
            return new JobUnavailable(e.getMessage(), e);
        }
        if (e instanceof XaiException.Unauthorized) {
            return new JobUnauthorized(e.getMessage(), e);
        }
        // Invalid request, not found (a model or a file_id), or moderation outside a generation.
        return new JobInvalid("request", "xAI refused it: " + e.getMessage());
    }

    private static StorageOptions storage(JobRequest.Storage s) {
        if (s == null) {
            return null;
        }
        PublicUrl publicUrl = s.publicUrlExpiresAfterSeconds() != null
                ? PublicUrl.expiringAfter(s.publicUrlExpiresAfterSeconds())
                : s.publicUrl() ? PublicUrl.of(true) : null;
        return new StorageOptions(s.filename(), s.expiresAfterSeconds(), publicUrl);
    }

    private static List<Media> media(List<MediaRef> refs) {
        return refs.stream().map(XaiImagine::media).toList();
    }

    private static Media media(MediaRef ref) {
        if (ref == null) {
            return null;
        }
        if (ref instanceof MediaRef.Url url) {
            return Media.ofUrl(url.url());
        }
        if (ref instanceof MediaRef.DataUri data) {
            return Media.ofUrl(data.uri());
        }
        if (ref instanceof MediaRef.FileId file) {
            return Media.ofFileId(file.fileId());
        }
        throw new IllegalStateException(
                "an S3 input reaches xAI only as the file id of its upload: " + ((MediaRef.S3Object) ref).describe());
    }
}
