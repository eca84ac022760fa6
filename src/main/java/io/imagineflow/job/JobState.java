package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The small JSON that passes between the state machine's states (version {@link #VERSION}). Submit creates it,
 * poll advances it, finalize turns it into the job record. The Wait state reads {@code nextPollSeconds}; the
 * Choice reads {@code status}. Outputs, cost and error appear once the job has ended. {@code duplicate} is true
 * when submit found the job already started by an earlier delivery of the same event.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobState(
        int version,
        String jobId,
        Operation operation,
        String model,
        String xaiRequestId,
        JobStatus status,
        Integer progress,
        int polls,
        String submittedAt,
        String deadline,
        int nextPollSeconds,
        List<JobOutput> outputs,
        JobCost cost,
        JobFailure error,
        Boolean duplicate) {

    public static final int VERSION = 1;

    public JobState {
        outputs = outputs == null ? null : List.copyOf(outputs);
    }

    public JobState asDuplicate() {
        return new JobState(version, jobId, operation, model, xaiRequestId, status, progress, polls, submittedAt,
                deadline, nextPollSeconds, outputs, cost, error, true);
    }

    /** After one more look at xAI. */
    public JobState polled(JobStatus newStatus, Integer newProgress, int nextPoll, List<JobOutput> newOutputs,
            JobCost newCost, JobFailure newError) {
        return new JobState(version, jobId, operation, model, xaiRequestId, newStatus, newProgress, polls + 1,
                submittedAt, deadline, nextPoll, newOutputs, newCost, newError, duplicate);
    }
}
