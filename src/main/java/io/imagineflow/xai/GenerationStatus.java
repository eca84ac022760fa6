package io.imagineflow.xai;

import java.util.List;

/**
 * Where an xAI generation stands, whatever the endpoint and whatever shape xAI used to say it: a status the
 * client does not know is read as {@link Pending}, as xAI's own SDKs do.
 */
public sealed interface GenerationStatus
        permits GenerationStatus.Pending,
                GenerationStatus.Done,
                GenerationStatus.Failed,
                GenerationStatus.Expired,
                GenerationStatus.Moderated {

    /** Terminal outcomes never change once seen. */
    default boolean terminal() {
        return !(this instanceof Pending);
    }

    /** Still running; {@code progress} is 0-99 when xAI says it, else null. */
    record Pending(Integer progress) implements GenerationStatus {}

    /**
     * Finished with outputs. {@code withheld} counts outputs that moderation kept back when others came through
     * (a batch in which every output was withheld is {@link Moderated}).
     */
    record Done(String model, List<GeneratedOutput> outputs, int withheld, Cost cost) implements GenerationStatus {
        public Done {
            outputs = List.copyOf(outputs);
        }
    }

    /** xAI gave up on the generation; {@code code} is xAI's ({@code internal_error}, {@code invalid_argument}...). */
    record Failed(String code, String message, Cost cost) implements GenerationStatus {}

    /** xAI processed the request but its result is no longer available. */
    record Expired() implements GenerationStatus {}

    /** Moderation refused the output, either as HTTP 400 or as {@code respect_moderation: false}; still billed. */
    record Moderated(String message, Cost cost) implements GenerationStatus {}
}
