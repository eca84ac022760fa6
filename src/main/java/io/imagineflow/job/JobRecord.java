package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * The durable record of one job, one DynamoDB item keyed by {@code jobId}: what was asked (operation, model, a
 * hash of the prompt and of the whole request, never the prompt or the inputs themselves), what xAI did
 * (request id, outputs, cost), when (ISO-8601 instants), how many polls it took, and why it failed if it did.
 * {@code announcedAt} is when the completion event went out, if one is configured.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRecord(
        String jobId,
        RecordStatus status,
        JobStatus outcome,
        Operation operation,
        String model,
        String promptHash,
        String requestHash,
        String source,
        String user,
        Map<String, String> tags,
        String xaiRequestId,
        List<JobOutput> outputs,
        JobCost cost,
        String receivedAt,
        String submittedAt,
        String finishedAt,
        String deadline,
        Integer polls,
        JobFailure error,
        String announcedAt) {

    /** The state the state machine would carry for this record: how a duplicate delivery is answered. */
    public JobState toState(int nextPollSeconds) {
        JobStatus current = status.terminal() ? outcome : JobStatus.PENDING;
        return new JobState(JobState.VERSION, jobId, operation, model, xaiRequestId, current, null,
                polls == null ? 0 : polls, submittedAt, deadline, current.terminal() ? 0 : nextPollSeconds,
                outputs, cost, error, null);
    }
}
