package io.imagineflow.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a job's final record, once: a second finalize of the same job (a retried state, a duplicate
 * execution) gets the record already written and changes nothing. Then tells of it ({@link JobNews}: the
 * completion event, the webhook); a finalize that failed to tell is retried, finds the record final but not
 * announced, and tells it then.
 */
@ApplicationScoped
public class FinalizeService {

    private static final Logger LOG = Logger.getLogger(FinalizeService.class);

    /** Failures of a submit that may have died after xAI took the job: the process ended, or timed out. */
    private static final Set<ErrorCode> SUBMIT_DIED = EnumSet.of(
            ErrorCode.SANDBOX_TIMEDOUT,
            ErrorCode.RUNTIME_EXIT_ERROR,
            ErrorCode.LAMBDA_UNKNOWN,
            ErrorCode.STATES_TIMEOUT,
            ErrorCode.JOB_INTERNAL);

    private final JobStore store;
    private final JobNews news;
    private final Deliveries deliveries;
    private final PollSchedule schedule;
    private final Clock clock;

    FinalizeService(JobStore store, JobNews news, Deliveries deliveries, PollSchedule schedule, Clock clock) {
        this.store = store;
        this.news = news;
        this.deliveries = deliveries;
        this.schedule = schedule;
        this.clock = clock;
    }

    /**
     * A job that ended: done, failed, expired, moderated or timed out. A done job that delivers has its outputs
     * put in S3 and checked first; one that cannot be delivered fails, keeping what xAI made.
     */
    public JobRecord finish(JobState state) {
        if (state.jobId() == null || state.status() == null) {
            throw new JobInvalid("jobId", "finalize takes a job state with jobId and status");
        }
        if (!state.status().terminal()) {
            throw new JobInvalid("status", "finalize takes a job that has ended (was pending)");
        }
        JobLogs.about(state.jobId(), state);
        JobState ended = state;
        if (state.status() == JobStatus.EXPIRED && state.deliverTo() != null && state.expectedOutputs() != null) {
            // xAI forgot the request (a 404 on a poll) after it may have made and uploaded the outputs, which are paid
            // for: they are looked for where it was told to put them before the job is given up.
            var found = deliveries.recovered(state.jobId(), state.deliverTo(), state.expectedOutputs());
            if (found.isPresent()) {
                LOG.infof(
                        "job %s: expired at xAI, and its outputs are in %s",
                        state.jobId(), state.deliverTo().folder(state.jobId()));
                return finishAndAnnounce(JobRecord.finished(state.foundInBucket(found.get()), clock.instant()));
            }
        }
        if (state.status() == JobStatus.DONE && state.deliverTo() != null && state.outputs() != null) {
            try {
                ended = state.withOutputs(
                        deliveries.deliver(state.jobId(), state.deliverTo(), state.operation(), state.outputs()));
                LOG.infof(
                        "job %s: %d outputs delivered to %s (%s)",
                        state.jobId(),
                        ended.outputs().size(),
                        state.deliverTo().folder(state.jobId()),
                        ended.outputs().stream()
                                .map(o -> o.deliveredBy() == null
                                        ? "?"
                                        : o.deliveredBy().id())
                                .collect(java.util.stream.Collectors.joining(", ")));
            } catch (Deliveries.DeliveryFailure e) {
                LOG.warnf("job %s: %s", state.jobId(), e.getMessage());
                ended = state.deliveryFailed(e.failure());
            }
        }
        return finishAndAnnounce(JobRecord.finished(ended, clock.instant()));
    }

    /**
     * The submit of job {@code jobId} died ({@code failure}) and may have been accepted by xAI before: when the
     * job delivers, it is not failed but followed on, from what its claim recorded (no need to read the event
     * again, which for an S3 trigger would mean reading the input bucket). A record already running has xAI's
     * request id, so it is polled as usual; a claim that never learnt it waits for its outputs in S3 until its
     * deadline. Empty when there is nothing to follow (no claim, no delivery, an ended record, a deadline
     * passed): the job fails.
     */
    public Optional<JobState> recover(String jobId, JobFailure failure) {
        JobLogs.about(jobId, null);
        if (!SUBMIT_DIED.contains(failure.code())) {
            return Optional.empty();
        }
        JobRecord record = store.find(jobId).orElse(null);
        if (record == null
                || record.status().terminal()
                || record.asked().deliverTo() == null
                || record.asked().expectedOutputs() == null
                || record.asked().operation() == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (record.status() == RecordStatus.RUNNING) {
            LOG.infof(
                    "job %s: submit died (%s) after the job was recorded as running; polling it on",
                    jobId, failure.code());
            return Optional.of(record.toState(schedule.shortestWait()));
        }
        Instant since = record.times().receivedAt() != null ? record.times().receivedAt() : now;
        Instant deadline = schedule.deadline(record.asked().operation(), since);
        if (!now.isBefore(deadline)) {
            LOG.infof(
                    "job %s: submit died (%s) and the job's deadline %s has passed: not followed",
                    jobId, failure.code(), deadline);
            return Optional.empty();
        }
        JobFailure why = JobFailure.of(
                failure.code(), failure.message() + "; submit may have started the job at xAI before it died");
        JobState state = JobState.recovering(record, why, deadline, schedule.shortestWait());
        store.started(state);
        LOG.infof(
                "job %s: submit died (%s); looking for its outputs in %s until %s",
                jobId, failure.code(), record.asked().deliverTo().folder(jobId), deadline);
        return Optional.of(state);
    }

    /**
     * A step failed with an error the state machine caught: {@code state} is the job's last state if the job got
     * that far, else null (the event was refused before a job existed).
     */
    public JobRecord fail(String jobId, JobState state, JobFailure failure) {
        return fail(jobId, state, failure, null);
    }

    /** As above, for a submit that failed before a job state existed: {@code asked} is its event's request, if valid. */
    public JobRecord fail(String jobId, JobState state, JobFailure failure, JobRequest asked) {
        JobLogs.about(jobId, state);
        if (failure.code().ends() == ErrorCode.Ends.LEFT_TO_OWNER) {
            return refusedDelivery(jobId, failure);
        }
        JobState ended = state == null ? JobState.failedWithoutState(jobId, failure) : state.failed(jobId, failure);
        JobRecord terminal = JobRecord.finished(ended, clock.instant());
        return finishAndAnnounce(asked == null ? terminal : terminal.askedFor(asked));
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
        return log(news.ended(store.finish(terminal), terminal.times().finishedAt()));
    }

    private static JobRecord log(JobRecord record) {
        LOG.infof(
                "job %s: recorded %s (%s)%s",
                record.jobId(),
                record.status().id(),
                record.outcome() == null ? "-" : record.outcome().id(),
                record.error() == null ? "" : ", " + record.error().code());
        return record;
    }
}
