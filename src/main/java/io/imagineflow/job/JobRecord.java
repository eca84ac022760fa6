package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The durable record of one job, one DynamoDB item keyed by {@code jobId}: what was asked (operation, model, a
 * hash of the prompt and of the whole request, never the prompt or the inputs themselves), what xAI did
 * (request id, outputs, cost), when (instants, ISO-8601 in JSON), how many polls it took, and why it failed if
 * it did. {@code announcedAt} is when the completion event went out, if one is configured.
 * <p>
 * Built only through {@link #claimed} and {@link #finished} and changed by withers; its JSON is pinned by
 * {@code JobJsonGoldenTest}.
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
        Instant receivedAt,
        Instant submittedAt,
        Instant finishedAt,
        Instant deadline,
        Integer polls,
        JobFailure error,
        Instant announcedAt) {

    /** A job as its submit claims it: what was asked, and when. */
    public static JobRecord claimed(JobStore.NewJob job) {
        return new JobRecord(
                job.jobId(),
                RecordStatus.SUBMITTING,
                null,
                job.operation(),
                job.model(),
                job.promptHash(),
                job.requestHash(),
                job.source(),
                job.user(),
                job.tags().isEmpty() ? null : job.tags(),
                null,
                null,
                null,
                job.receivedAt(),
                null,
                null,
                null,
                0,
                null,
                null);
    }

    /**
     * The terminal record for {@code state}. Fields known only to the claim (received time, source, hashes) are
     * left null: the store keeps the values the claim wrote.
     */
    public static JobRecord finished(JobState state, Instant finishedAt) {
        return new JobRecord(
                state.jobId(),
                state.status() == JobStatus.DONE ? RecordStatus.SUCCEEDED : RecordStatus.FAILED,
                state.status(),
                state.operation(),
                state.model(),
                null,
                null,
                null,
                null,
                null,
                state.xaiRequestId(),
                state.outputs(),
                state.cost(),
                null,
                state.submittedAt(),
                finishedAt,
                state.deadline(),
                state.polls(),
                state.error(),
                null);
    }

    /** This claim once xAI took the job: running, with xAI's request id, the submit time and the deadline. */
    public JobRecord running(JobState started) {
        return new JobRecord(
                jobId,
                RecordStatus.RUNNING,
                outcome,
                operation,
                model,
                promptHash,
                requestHash,
                source,
                user,
                tags,
                started.xaiRequestId(),
                outputs,
                cost,
                receivedAt,
                started.submittedAt(),
                finishedAt,
                started.deadline(),
                polls,
                error,
                announcedAt);
    }

    /**
     * This final record as the store keeps it over {@code claim} (null when there was none): what the end decides
     * is written, what the claim knew better (hashes, source, received time, request id, times) is kept.
     */
    public JobRecord over(JobRecord claim) {
        if (claim == null) {
            return this;
        }
        return new JobRecord(
                jobId,
                status,
                outcome,
                first(claim.operation, operation),
                first(claim.model, model),
                claim.promptHash,
                claim.requestHash,
                claim.source,
                claim.user,
                claim.tags,
                first(claim.xaiRequestId, xaiRequestId),
                outputs,
                cost,
                claim.receivedAt,
                first(claim.submittedAt, submittedAt),
                finishedAt,
                first(claim.deadline, deadline),
                polls,
                error,
                announcedAt);
    }

    private static <T> T first(T kept, T given) {
        return kept != null ? kept : given;
    }

    /** The completion event of this record went out at {@code at}. */
    public JobRecord announced(Instant at) {
        return new JobRecord(
                jobId,
                status,
                outcome,
                operation,
                model,
                promptHash,
                requestHash,
                source,
                user,
                tags,
                xaiRequestId,
                outputs,
                cost,
                receivedAt,
                submittedAt,
                finishedAt,
                deadline,
                polls,
                error,
                at);
    }

    /** The state the state machine would carry for this record: how a duplicate delivery is answered. */
    public JobState toState(int nextPollSeconds) {
        JobStatus current = status.terminal() ? outcome : JobStatus.PENDING;
        return JobState.of(this, current, current.terminal() ? 0 : nextPollSeconds);
    }
}
