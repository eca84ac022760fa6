package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Locale;

/**
 * The life of a job record: claimed by a submit, running at xAI, then succeeded, failed or cancelled for good. The finer
 * outcome (done, moderated, expired...) is the record's {@code outcome}.
 */
@RegisterForReflection
public enum RecordStatus {
    SUBMITTING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RecordStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
