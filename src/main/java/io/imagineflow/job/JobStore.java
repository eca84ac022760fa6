package io.imagineflow.job;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where job records live, and the idempotency rules that make a duplicate event harmless: a job id is claimed
 * before xAI is called; a live claim is not taken twice; a claim whose holder crashed expires and can be taken
 * over; the same id with a different request is refused; a finished record never changes.
 */
public interface JobStore {

    /**
     * Claims {@code job.jobId()} until {@code claimExpiresAt}.
     *
     * @throws JobConflict   the id is taken by a different request
     * @throws JobInProgress another submit holds a live claim
     */
    Claim claim(NewJob job, Instant now, Instant claimExpiresAt);

    /**
     * xAI took the job: the record becomes running with its request id, submit time and deadline. Also a job
     * that is recovered from S3 (no request id, {@code recovered} true): no other submit may take it over.
     */
    void started(JobState state);

    /** xAI did not take the job (throttled, unreachable): the claim goes, so a retry starts afresh. */
    void release(String jobId);

    /** Writes the final record unless one is already final; returns the record as stored. */
    JobRecord finish(JobRecord record);

    /** The completion event of this finished job went out at {@code at}; returns the record as stored. */
    JobRecord announced(String jobId, Instant at);

    Optional<JobRecord> find(String jobId);

    /**
     * Poll's news of a running job, in one conditional write that only lands while the record is running: its
     * progress, polls and estimated completion. Returns the record as it is now, or empty when it no longer runs.
     */
    Optional<JobRecord> progressed(String jobId, Integer progress, int polls, Instant estimatedCompletionAt);

    /**
     * Takes the turn to send a progress webhook at {@code at}: true unless one went out less than {@code interval}
     * before (by this or another execution), so a job sends at most one per interval.
     */
    boolean progressWebhookDue(String jobId, Instant at, java.time.Duration interval);

    /** The job's owner asked to cancel it at {@code at}: recorded unless it has ended; the record as it is now. */
    Optional<JobRecord> cancelRequested(String jobId, Instant at);

    /**
     * Ends the job as cancelled, unless it has ended already (then its record is returned unchanged). Creates the
     * record when none exists yet (cancelled before its submit ran), from {@code asked} (the request of its
     * event, when known). {@code cancel.xaiAccepted} says whether xAI had taken the generation: whether the record
     * knows xAI's request id (or is being recovered) when the write lands.
     */
    JobRecord cancel(String jobId, Instant at, JobFailure failure, JobRequest asked);

    /** How the {@code completed} webhook went. */
    void webhookReported(String jobId, WebhookReport report);

    /** One page of jobs, newest first, from an index of the table (never a scan). */
    JobPage list(JobQuery query, Instant now);

    /** What is known of a job when it is claimed. */
    record NewJob(
            String jobId,
            String requestHash,
            Operation operation,
            String model,
            String promptHash,
            String source,
            String user,
            Map<String, String> tags,
            Instant receivedAt,
            DeliveryTarget deliverTo,
            Integer expectedOutputs,
            WebhookSpec webhook) {}

    /** The claim was taken, or the job already exists (started or finished) and its record is returned. */
    sealed interface Claim permits Claim.Taken, Claim.Existing {
        record Taken() implements Claim {}

        record Existing(JobRecord record) implements Claim {}
    }
}
