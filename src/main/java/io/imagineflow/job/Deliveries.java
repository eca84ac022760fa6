package io.imagineflow.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts a job's outputs in the user's bucket. Submit presigns one PUT URL per output so that xAI uploads the
 * media itself (no byte passes through a function, and the place is fixed before xAI is called, so a lost
 * answer can still be recovered). Finalize then checks each object with a HEAD and, where xAI did not put it,
 * copies it from xAI. A recovering job (xAI's answer never came) is done once all its objects are there.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final OutputStore store;
    private final Imagine imagine;
    private final DeliveryConfig config;

    Deliveries(OutputStore store, Imagine imagine, DeliveryConfig config) {
        this.store = store;
        this.imagine = imagine;
        this.config = config;
    }

    /**
     * The media type an output is expected to have before xAI says: MP4 for videos, JPEG for images (xAI's
     * default; an image that comes back as PNG is moved to its {@code .png} key by finalize).
     */
    static String expectedType(Operation operation) {
        return operation.video() ? "video/mp4" : "image/jpeg";
    }

    /**
     * One presigned PUT URL per output, valid until the job's deadline plus the margin. A presigned URL also
     * dies with the temporary credentials that signed it (a Lambda role's session), whatever its own expiry;
     * when xAI's upload comes too late for it, finalize's copy delivers the output instead.
     */
    public List<URI> uploadUrls(String jobId, JobRequest request, Instant deadline) {
        DeliveryTarget target = request.deliverTo();
        if (target == null) {
            return List.of();
        }
        Instant until = deadline.plus(config.urlMargin());
        String type = expectedType(request.operation());
        List<URI> urls = new ArrayList<>();
        for (int i = 0; i < request.outputCount(); i++) {
            urls.add(store.presignPut(target.bucket(), target.key(jobId, i, type), until));
        }
        return urls;
    }

    /**
     * Each output of a done job in S3, checked: xAI's upload where it is there and sound, a copy from xAI
     * otherwise. Transient S3 or xAI failures go up ({@link JobUnavailable}) for the state machine to retry;
     * anything else is a {@link DeliveryFailure}.
     */
    public List<JobOutput> deliver(String jobId, DeliveryTarget target, Operation operation, List<JobOutput> outputs) {
        List<JobOutput> delivered = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            delivered.add(deliver(jobId, target, operation, i, outputs.get(i)));
        }
        return delivered;
    }

    private JobOutput deliver(String jobId, DeliveryTarget target, Operation operation, int index, JobOutput out) {
        if (out.s3() != null) {
            return out; // delivered by an earlier attempt of this finalize, or recovered from S3
        }
        String type = out.mediaType() != null ? out.mediaType() : expectedType(operation);
        String key = target.key(jobId, index, type);
        Optional<OutputStore.Stored> there = sound(store.head(target.bucket(), key));
        if (there.isPresent()) {
            return out.delivered(there.get().location(), there.get().arrival());
        }
        String expectedKey = target.key(jobId, index, expectedType(operation));
        if (!expectedKey.equals(key)) {
            Optional<OutputStore.Stored> underExpected = sound(store.head(target.bucket(), expectedKey));
            if (underExpected.isPresent()) {
                // xAI uploaded to the URL signed for the expected type; the key follows the actual type.
                OutputStore.Stored moved = store.move(target.bucket(), expectedKey, key);
                return out.delivered(moved.location(), moved.arrival());
            }
        }
        LOG.infof(
                "job %s: output %d not uploaded by xAI; copying it to s3://%s/%s", jobId, index, target.bucket(), key);
        S3Location copied;
        try (Imagine.Download media = imagine.open(out)) {
            String contentType =
                    media.contentType() != null && !media.contentType().isBlank() ? media.contentType() : type;
            copied = store.copy(media.in(), contentType, target.bucket(), key);
        } catch (IOException e) {
            throw new JobUnavailable("the copy of output " + index + " broke off", e);
        } catch (JobInvalid | JobMisconfigured e) {
            throw new DeliveryFailure("output " + index + " could not be copied to s3://" + target.bucket() + "/" + key
                    + ": " + e.getMessage());
        }
        String refusal = copied.refusal();
        if (refusal != null) {
            throw new DeliveryFailure("the copy of output " + index + " at " + copied.uri() + " " + refusal);
        }
        return out.delivered(copied, Arrival.COPIED);
    }

    /**
     * The outputs of a recovering job if all {@code count} are in its folder (any extension: the media type was
     * not known when the URLs were signed), each checked and at the key of its actual type; else empty.
     */
    public Optional<List<JobOutput>> recovered(String jobId, DeliveryTarget target, int count) {
        String folder = target.folder(jobId);
        List<String> keys = store.keys(target.bucket(), folder);
        List<JobOutput> found = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String stem = folder + i + ".";
            Optional<String> key = keys.stream()
                    .filter(k -> k.startsWith(stem) && k.indexOf('/', stem.length()) < 0)
                    .findFirst();
            if (key.isEmpty()) {
                return Optional.empty();
            }
            Optional<OutputStore.Stored> object = sound(store.head(target.bucket(), key.get()));
            if (object.isEmpty()) {
                return Optional.empty();
            }
            String right = target.key(jobId, i, object.get().location().contentType());
            OutputStore.Stored stored =
                    right.equals(key.get()) ? object.get() : store.move(target.bucket(), key.get(), right);
            found.add(JobOutput.found(stored.location()));
        }
        return Optional.of(found);
    }

    private static Optional<OutputStore.Stored> sound(Optional<OutputStore.Stored> object) {
        return object.filter(o -> o.location().refusal() == null);
    }

    /** An output that cannot be delivered for a reason a retry will not mend. */
    public static final class DeliveryFailure extends RuntimeException {
        DeliveryFailure(String message) {
            super(message);
        }

        public JobFailure failure() {
            return JobFailure.of(ErrorCode.DELIVERY_FAILED, getMessage());
        }
    }
}
