package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Why a job did not produce outputs: a {@code code} from the catalogue ({@link ErrorCode}), a readable message,
 * and for {@link ErrorCode#XAI_FAILED} xAI's own code ({@code internal_error}, {@code invalid_argument}...).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobFailure(ErrorCode code, String message, String xaiCode) {

    public static JobFailure of(ErrorCode code, String message) {
        return new JobFailure(code, message, null);
    }

    /** xAI said the generation failed, with its own code when it gave one. */
    public static JobFailure xaiFailed(String xaiCode, String message) {
        return new JobFailure(ErrorCode.XAI_FAILED, message, xaiCode);
    }

    /**
     * Reads a stored failure. Records written before the catalogue kept xAI's own code (or the state machine's
     * {@code ImagineFlow.PollLimit}) as the code; they read as the catalogue's code for the same thing.
     */
    @JsonCreator
    static JobFailure read(
            @JsonProperty("code") String code,
            @JsonProperty("message") String message,
            @JsonProperty("xaiCode") String xaiCode) {
        if ("ImagineFlow.PollLimit".equals(code)) {
            return new JobFailure(ErrorCode.JOB_POLL_LIMIT, message, xaiCode);
        }
        return ErrorCode.of(code)
                .map(c -> new JobFailure(c, message, xaiCode))
                .orElseGet(() -> xaiFailed(code, message));
    }
}
