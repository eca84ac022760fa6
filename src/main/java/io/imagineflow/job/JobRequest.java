package io.imagineflow.job;

import java.util.List;
import java.util.Map;

/**
 * One generation job as the product means it, whatever event carried it: already parsed and checked
 * ({@link JobRequestReader}), with the model filled in.
 */
public record JobRequest(
        Operation operation,
        String model,
        String prompt,
        Inputs inputs,
        Options options,
        Storage storage,
        Map<String, String> tags,
        String user,
        String idempotencyKey,
        DeliveryTarget deliverTo,
        WebhookSpec webhook) {

    public JobRequest {
        inputs = inputs == null ? Inputs.NONE : inputs;
        options = options == null ? Options.NONE : options;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A job without a webhook. */
    public JobRequest(
            Operation operation,
            String model,
            String prompt,
            Inputs inputs,
            Options options,
            Storage storage,
            Map<String, String> tags,
            String user,
            String idempotencyKey,
            DeliveryTarget deliverTo) {
        this(operation, model, prompt, inputs, options, storage, tags, user, idempotencyKey, deliverTo, null);
    }

    /** The same job with its inputs replaced (S3 objects turned into xAI file ids). */
    public JobRequest withInputs(Inputs newInputs) {
        return new JobRequest(
                operation, model, prompt, newInputs, options, storage, tags, user, idempotencyKey, deliverTo, webhook);
    }

    /** How many outputs the job makes: {@code n} images (1 by default), or one video. */
    public int outputCount() {
        return operation.video() || options.n() == null ? 1 : options.n();
    }

    /**
     * The media a job starts from, named as xAI names them: one edit {@code image} or up to three {@code images};
     * the first frame of an image to video ({@code image}); {@code referenceImages}; the {@code video} of an edit
     * or an extension.
     */
    public record Inputs(MediaRef image, List<MediaRef> images, List<MediaRef> referenceImages, MediaRef video) {
        public static final Inputs NONE = new Inputs(null, null, null, null);

        public Inputs {
            images = images == null ? List.of() : List.copyOf(images);
            referenceImages = referenceImages == null ? List.of() : List.copyOf(referenceImages);
        }
    }

    /** xAI's generation options; null means xAI's default. */
    public record Options(Integer n, String aspectRatio, String resolution, Integer duration) {
        public static final Options NONE = new Options(null, null, null, null);
    }

    /** Persist the output in xAI Files ({@code storage_options}); expiries in seconds, null for none. */
    public record Storage(
            String filename, Long expiresAfterSeconds, boolean publicUrl, Long publicUrlExpiresAfterSeconds) {}
}
