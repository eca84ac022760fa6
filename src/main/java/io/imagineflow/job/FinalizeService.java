package io.imagineflow.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Writes a job's final record, once: a second finalize of the same job (a retried state, a duplicate
 * execution) gets the record already written and changes nothing. Then, when a completion event is configured,
 * sends it and marks the record as announced; a finalize that failed to send it is retried, finds the record
 * final but not announced, and sends it then.
 */
@ApplicationScoped
public class FinalizeService {

    private static final Logger LOG = Logger.getLogger(FinalizeService.class);

    private final JobStore store;
    private final Completions completions;
    private final Clock clock;

    FinalizeService(JobStore store, Completions completions, Clock clock) {
        this.store = store;
        this.completions = completions;
        this.clock = clock;
    }

    /** A job that ended: done, failed, expired, moderated or timed out. */
    public JobRecord finish(JobState state) {
        if (state.jobId() == null || state.status() == null) {
            throw new JobInvalid("jobId", "finalize takes a job state with jobId and status");
        }
        if (!state.status().terminal()) {
            throw new JobInvalid("status", "finalize takes a job that has ended (was pending)");
        }
        return finishAndAnnounce(JobRecord.finished(state, clock.instant()));
    }

    /**
     * A step failed with an error the state machine caught: {@code state} is the job's last state if the job got
     * that far, else null (the event was refused before a job existed).
     */
    public JobRecord fail(String jobId, JobState state, JobFailure failure) {
        if (failure.code().ends() == ErrorCode.Ends.LEFT_TO_OWNER) {
            return refusedDelivery(jobId, failure);
        }
        JobState ended = state == null ? JobState.failedWithoutState(jobId, failure) : state.failed(jobId, failure);
        return finishAndAnnounce(JobRecord.finished(ended, clock.instant()));
    }

    /**
     * This execution gave up on a job that another one holds (a live claim) or that belongs to another request
     * (same id): the job's record is that execution's to write, so this one leaves it alone. Writing the failure
     * here would mark as failed a job that the holder may be starting at xAI, to be paid for and lost. The answer
     * is this delivery's failure, not stored and not announced.
     */
    private JobRecord refusedDelivery(String jobId, JobFailure failure) {
        LOG.infof(
                "job %s: this delivery gave up (%s); the job's record is left to the execution that holds it",
                jobId, failure.code());
        return JobRecord.finished(JobState.failedWithoutState(jobId, failure), clock.instant());
    }

    private JobRecord finishAndAnnounce(JobRecord terminal) {
        JobRecord record = store.finish(terminal);
        if (completions.enabled() && record.announcedAt() == null) {
            completions.announce(record);
            record = store.announced(record.jobId(), clock.instant());
        }
        return log(record);
    }

    private static JobRecord log(JobRecord record) {
        LOG.infof(
                "job %s: %s (%s)%s",
                record.jobId(),
                record.status().id(),
                record.outcome() == null ? "-" : record.outcome().id(),
                record.error() == null ? "" : ", " + record.error().code());
        return record;
    }
}
