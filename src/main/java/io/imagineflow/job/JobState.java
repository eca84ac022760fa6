package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * The small JSON that passes between the state machine's states (version {@link #VERSION}). Submit creates it,
 * poll advances it, finalize turns it into the job record. The Wait state reads {@code nextPollSeconds}; the
 * Choice reads {@code status}. Outputs, cost and error appear once the job has ended. {@code duplicate} is true
 * when submit found the job already started by an earlier delivery of the same event.
 * <p>
 * Built only through the factories and withers below, so that a new field is added in one place; the JSON
 * stays flat (the state machine and users' tools read it) and is pinned by {@code JobJsonGoldenTest}.
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
        Instant submittedAt,
        Instant deadline,
        int nextPollSeconds,
        List<JobOutput> outputs,
        JobCost cost,
        JobFailure error,
        Boolean duplicate) {

    public static final int VERSION = 1;

    public JobState {
        outputs = outputs == null ? null : List.copyOf(outputs);
    }

    /** xAI took the job: pending, first look after {@code firstWait} seconds. */
    public static JobState started(
            String jobId,
            JobRequest request,
            String xaiRequestId,
            Instant submittedAt,
            Instant deadline,
            int firstWait) {
        return new JobState(
                VERSION,
                jobId,
                request.operation(),
                request.model(),
                xaiRequestId,
                JobStatus.PENDING,
                null,
                0,
                submittedAt,
                deadline,
                firstWait,
                null,
                null,
                null,
                null);
    }

    /** The job ended before xAI took it (refused, moderated at once, or its answer lost). */
    public static JobState endedAtStart(
            String jobId, JobRequest request, JobStatus status, JobFailure failure, JobCost cost) {
        return new JobState(
                VERSION,
                jobId,
                request.operation(),
                request.model(),
                null,
                status,
                null,
                0,
                null,
                null,
                0,
                null,
                cost,
                failure,
                null);
    }

    /** A failure known only by the job's id: no job state came with it (a refused event, or a delivery refused). */
    public static JobState failedWithoutState(String jobId, JobFailure failure) {
        return new JobState(
                VERSION, jobId, null, null, null, JobStatus.FAILED, null, 0, null, null, 0, null, null, failure, null);
    }

    /** What a record says of a job, as the state machine would carry it. */
    static JobState of(JobRecord record, JobStatus status, int nextPollSeconds) {
        return new JobState(
                VERSION,
                record.jobId(),
                record.asked().operation(),
                record.asked().model(),
                record.xaiRequestId(),
                status,
                null,
                record.polls() == null ? 0 : record.polls(),
                record.times().submittedAt(),
                record.times().deadline(),
                nextPollSeconds,
                record.outputs(),
                record.cost(),
                record.error(),
                null);
    }

    public JobState asDuplicate() {
        return new JobState(
                version,
                jobId,
                operation,
                model,
                xaiRequestId,
                status,
                progress,
                polls,
                submittedAt,
                deadline,
                nextPollSeconds,
                outputs,
                cost,
                error,
                true);
    }

    /** After one more look at xAI that found the job still pending. */
    public JobState pending(Integer newProgress, int nextPoll) {
        return polled(JobStatus.PENDING, newProgress, nextPoll, null, null, null);
    }

    /** After one more look at xAI that found the job ended. */
    public JobState ended(
            JobStatus newStatus,
            Integer newProgress,
            List<JobOutput> newOutputs,
            JobCost newCost,
            JobFailure newError) {
        return polled(newStatus, newProgress, 0, newOutputs, newCost, newError);
    }

    /** The job failed in a step after this state (a caught failure): what it had, and why it failed. */
    public JobState failed(String id, JobFailure failure) {
        return new JobState(
                version,
                id,
                operation,
                model,
                xaiRequestId,
                JobStatus.FAILED,
                progress,
                polls,
                submittedAt,
                deadline,
                0,
                null,
                cost,
                failure,
                null);
    }

    private JobState polled(
            JobStatus newStatus,
            Integer newProgress,
            int nextPoll,
            List<JobOutput> newOutputs,
            JobCost newCost,
            JobFailure newError) {
        return new JobState(
                version,
                jobId,
                operation,
                model,
                xaiRequestId,
                newStatus,
                newProgress,
                polls + 1,
                submittedAt,
                deadline,
                nextPoll,
                newOutputs,
                newCost,
                newError,
                duplicate);
    }
}
