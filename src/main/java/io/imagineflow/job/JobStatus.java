package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * Where a job's generation stands, as the state machine's Choice reads it. Every value but QUEUED (not started yet:
 * waiting for a start under the model's rate limit) and PENDING (started, not ended) is final.
 */
@RegisterForReflection
public enum JobStatus {
    QUEUED,
    PENDING,
    DONE,
    FAILED,
    EXPIRED,
    MODERATED,
    TIMED_OUT,
    /** Stopped by its owner (POST /jobs/{id}/cancel); only a record says so, never a poll. */
    CANCELLED;

    public boolean terminal() {
        return this != PENDING && this != QUEUED;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
