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
 * when submit found the job already started by an earlier delivery of the same event. {@code deliverTo} is the
 * S3 folder the outputs go to; {@code recovered} is true when xAI's answer to the start was lost (or submit died)
 * and the job's outputs are looked for there instead of at xAI ({@code expectedOutputs} of them).
 * {@code expected} (how long xAI should take) and {@code readings} (the progress each look found) are what the
 * poll schedule plans the next look from. {@code queue} is set only while the job waits for a start under the
 * model's rate limit (status {@code queued}, docs/rate-limits.md).
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
        Boolean duplicate,
        DeliveryTarget deliverTo,
        Integer expectedOutputs,
        Boolean recovered,
        GenerationTime expected,
        List<ProgressReading> readings,
        StartQueue queue) {

    public static final int VERSION = 1;

    /**
     * The readings a state keeps, the latest ones: enough for the estimate of the finish (docs/polling.md), and a
     * state that stays small however long the job runs.
     */
    static final int MAX_READINGS = 16;

    public JobState {
        outputs = outputs == null ? null : List.copyOf(outputs);
        readings = readings == null || readings.isEmpty() ? null : List.copyOf(readings);
    }

    /**
     * xAI took the job: pending, first look after {@code firstWait} seconds; {@code expected} is how long it should
     * take, which every later look is planned from.
     */
    public static JobState started(
            String jobId,
            JobRequest request,
            String xaiRequestId,
            Instant submittedAt,
            Instant deadline,
            int firstWait,
            GenerationTime expected) {
        Integer outputs = request.deliverTo() == null ? null : request.outputCount();
        return pending(
                jobId,
                request.operation(),
                request.model(),
                request.deliverTo(),
                xaiRequestId,
                submittedAt,
                deadline,
                firstWait,
                null,
                outputs,
                null,
                expected);
    }

    /**
     * xAI may have taken the job but its answer never came ({@code failure} says how): with delivery on, the job
     * waits for its outputs in S3 until the deadline instead of ending now.
     */
    public static JobState recovering(
            String jobId,
            JobRequest request,
            JobFailure failure,
            Instant submittedAt,
            Instant deadline,
            int firstWait,
            GenerationTime expected) {
        return pending(
                jobId,
                request.operation(),
                request.model(),
                request.deliverTo(),
                null,
                submittedAt,
                deadline,
                firstWait,
                failure,
                request.outputCount(),
                true,
                expected);
    }

    /**
     * The claim of a job whose submit died after xAI may have taken it: recovering, as above, from what the claim
     * recorded (the delivery target, the outputs expected, when it was received).
     */
    public static JobState recovering(JobRecord claim, JobFailure failure, Instant deadline, int firstWait) {
        JobRecord.Asked asked = claim.asked();
        return pending(
                claim.jobId(),
                asked.operation(),
                asked.model(),
                asked.deliverTo(),
                null,
                claim.times().receivedAt(),
                deadline,
                firstWait,
                failure,
                asked.expectedOutputs(),
                true,
                null);
    }

    /** A job at its first wait: started at xAI, or recovering in S3. */
    private static JobState pending(
            String jobId,
            Operation operation,
            String model,
            DeliveryTarget deliverTo,
            String xaiRequestId,
            Instant submittedAt,
            Instant deadline,
            int firstWait,
            JobFailure failure,
            Integer expectedOutputs,
            Boolean recovered,
            GenerationTime expected) {
        return new JobState(
                VERSION,
                jobId,
                operation,
                model,
                xaiRequestId,
                JobStatus.PENDING,
                null,
                0,
                submittedAt,
                deadline,
                firstWait,
                null,
                null,
                failure,
                null,
                deliverTo,
                expectedOutputs,
                recovered,
                expected,
                null,
                null);
    }

    /**
     * xAI was not called: the model's rate limit has no start for the job yet. The state machine waits
     * {@code nextPollSeconds} and hands the state back to submit with the event, which then starts the job in the
     * slot {@code queue} holds (or, with no slot held, asks for one again).
     */
    public static JobState queued(String jobId, JobRequest request, StartQueue queue, int nextPollSeconds) {
        return new JobState(
                VERSION,
                jobId,
                request.operation(),
                request.model(),
                null,
                JobStatus.QUEUED,
                null,
                0,
                null,
                null,
                nextPollSeconds,
                null,
                null,
                null,
                null,
                request.deliverTo(),
                null,
                null,
                null,
                null,
                queue);
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
                null,
                request.deliverTo(),
                null,
                null,
                null,
                null,
                null);
    }

    /** A failure known only by the job's id: no job state came with it (a refused event, or a delivery refused). */
    public static JobState failedWithoutState(String jobId, JobFailure failure) {
        return new JobState(
                VERSION,
                jobId,
                null,
                null,
                null,
                JobStatus.FAILED,
                null,
                0,
                null,
                null,
                0,
                null,
                null,
                failure,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
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
                null,
                record.asked().deliverTo(),
                record.asked().expectedOutputs(),
                record.recovered(),
                null,
                null,
                null);
    }

    public JobState asDuplicate() {
        return copy(
                status,
                progress,
                polls,
                nextPollSeconds,
                outputs,
                cost,
                error,
                true,
                expectedOutputs,
                recovered,
                readings);
    }

    /** This ended state with its outputs replaced by the delivered ones. */
    public JobState withOutputs(List<JobOutput> delivered) {
        return copy(
                status,
                progress,
                polls,
                nextPollSeconds,
                delivered,
                cost,
                error,
                duplicate,
                expectedOutputs,
                recovered,
                readings);
    }

    /**
     * This done state, failed after all because its outputs could not be delivered: what xAI made (URLs, file
     * ids) and what it cost stay in the state, so the paid result is not lost.
     */
    public JobState deliveryFailed(JobFailure failure) {
        return copy(
                JobStatus.FAILED,
                progress,
                polls,
                0,
                outputs,
                cost,
                failure,
                duplicate,
                expectedOutputs,
                recovered,
                readings);
    }

    /**
     * This pending state with the progress a look found at {@code elapsed} seconds after submit kept among its
     * readings (a look without a progress, or with 0, adds none).
     */
    public JobState read(Integer newProgress, double elapsed) {
        if (newProgress == null || newProgress <= 0 || newProgress >= 100) {
            return this;
        }
        List<ProgressReading> kept = new java.util.ArrayList<>(readings == null ? List.of() : readings);
        kept.add(new ProgressReading(Math.round(elapsed * 10) / 10.0, newProgress));
        if (kept.size() > MAX_READINGS) {
            kept = kept.subList(kept.size() - MAX_READINGS, kept.size());
        }
        return copy(
                status,
                progress,
                polls,
                nextPollSeconds,
                outputs,
                cost,
                error,
                duplicate,
                expectedOutputs,
                recovered,
                kept);
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

    /** A recovering job whose outputs are not (all) in S3 yet: the failure that started the recovery is kept. */
    public JobState stillRecovering(int nextPoll) {
        return copy(
                JobStatus.PENDING,
                progress,
                polls + 1,
                nextPoll,
                null,
                null,
                error,
                duplicate,
                expectedOutputs,
                recovered,
                readings);
    }

    /** A recovering job whose outputs all appeared in S3: done, at a cost nobody told us. */
    public JobState recoveredWith(List<JobOutput> found) {
        return copy(
                JobStatus.DONE, 100, polls + 1, 0, found, null, null, duplicate, expectedOutputs, recovered, readings);
    }

    /**
     * A job that xAI said it no longer knows (expired), whose outputs are in its folder all the same (xAI made and
     * uploaded them before forgetting the request): done, found in S3, its cost unknown as a recovered job's is.
     */
    public JobState foundInBucket(List<JobOutput> found) {
        return copy(JobStatus.DONE, 100, polls, 0, found, null, null, duplicate, expectedOutputs, true, readings);
    }

    /** A recovering job whose outputs never appeared by the deadline: it fails with {@code failure}. */
    public JobState notRecovered(JobFailure failure) {
        return copy(
                JobStatus.FAILED,
                progress,
                polls + 1,
                0,
                null,
                null,
                failure,
                duplicate,
                expectedOutputs,
                recovered,
                readings);
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
                outputs,
                cost,
                failure,
                null,
                deliverTo,
                expectedOutputs,
                recovered,
                expected,
                readings,
                null);
    }

    private JobState polled(
            JobStatus newStatus,
            Integer newProgress,
            int nextPoll,
            List<JobOutput> newOutputs,
            JobCost newCost,
            JobFailure newError) {
        return copy(
                newStatus,
                newProgress,
                polls + 1,
                nextPoll,
                newOutputs,
                newCost,
                newError,
                duplicate,
                expectedOutputs,
                recovered,
                readings);
    }

    private JobState copy(
            JobStatus newStatus,
            Integer newProgress,
            int newPolls,
            int nextPoll,
            List<JobOutput> newOutputs,
            JobCost newCost,
            JobFailure newError,
            Boolean newDuplicate,
            Integer newExpectedOutputs,
            Boolean newRecovered,
            List<ProgressReading> newReadings) {
        return new JobState(
                version,
                jobId,
                operation,
                model,
                xaiRequestId,
                newStatus,
                newProgress,
                newPolls,
                submittedAt,
                deadline,
                nextPoll,
                newOutputs,
                newCost,
                newError,
                newDuplicate,
                deliverTo,
                newExpectedOutputs,
                newRecovered,
                expected,
                newReadings,
                null);
    }
}
