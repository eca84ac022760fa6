package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A page of jobs, newest first, and the opaque token of the next page ({@code next}; null on the last). A page may
 * hold fewer jobs than asked for and still have a next one: a listing reads a bounded share of the index per call.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobPage(List<Summary> jobs, String next) {

    /** What the index keeps of a job: enough to pick one, then {@code GET /jobs/{id}} for the rest. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(
            String jobId,
            RecordStatus status,
            JobStatus outcome,
            Operation operation,
            String model,
            String user,
            Map<String, String> tags,
            Instant receivedAt,
            Instant finishedAt) {}
}
