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
        return finishAndAnnounce(Records.finished(state, clock.instant()));
    }

    /**
     * A step failed with an error the state machine caught: {@code state} is the job's last state if the job got
     * that far, else null (the event was refused before a job existed).
     */
    public JobRecord fail(String jobId, JobState state, JobFailure failure) {
        JobState ended = state == null
                ? new JobState(JobState.VERSION, jobId, null, null, null, JobStatus.FAILED, null, 0, null, null, 0,
                        null, null, failure, null)
                : new JobState(state.version(), jobId, state.operation(), state.model(), state.xaiRequestId(),
                        JobStatus.FAILED, state.progress(), state.polls(), state.submittedAt(), state.deadline(), 0,
                        null, state.cost(), failure, null);
        return finishAndAnnounce(Records.finished(ended, clock.instant()));
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
        LOG.infof("job %s: %s (%s)%s", record.jobId(), record.status().id(),
                record.outcome() == null ? "-" : record.outcome().id(),
                record.error() == null ? "" : ", " + record.error().code());
        return record;
    }
}
