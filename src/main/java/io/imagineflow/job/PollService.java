package io.imagineflow.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One look at a running job: the state after it, with the outcome and the wait before the next look. A state
 * that has already ended passes through unchanged (and costs no xAI call), so the state machine can route every
 * state through the same loop. A job still pending at its deadline is timed out.
 */
@ApplicationScoped
public class PollService {

    private static final Logger LOG = Logger.getLogger(PollService.class);

    private final Imagine imagine;
    private final Deliveries deliveries;
    private final PollSchedule schedule;
    private final JobStore store;
    private final Webhooks webhooks;
    private final Duration progressInterval;
    private final JobMetrics metrics;
    private final Clock clock;

    PollService(
            Imagine imagine,
            Deliveries deliveries,
            PollSchedule schedule,
            JobStore store,
            Webhooks webhooks,
            WebhookConfig webhookConfig,
            JobMetrics metrics,
            Clock clock) {
        this.imagine = imagine;
        this.deliveries = deliveries;
        this.schedule = schedule;
        this.store = store;
        this.webhooks = webhooks;
        this.progressInterval = webhookConfig.progressInterval();
        this.metrics = metrics;
        this.clock = clock;
    }

    public JobState poll(JobState state) {
        if (state.status() == null) {
            throw new JobInvalid("status", "is required: poll takes the state that submit returned");
        }
        JobLogs.about(state.jobId(), state);
        // An ended state passes through; so does a queued one (not started: nothing to look at), which the
        // state machine's Outcome sends back to submit.
        if (state.status().terminal() || state.status() == JobStatus.QUEUED) {
            return state;
        }
        if (Boolean.TRUE.equals(state.recovered())) {
            return lookInS3(state);
        }
        if (state.xaiRequestId() == null || state.deadline() == null || state.submittedAt() == null) {
            throw new JobInvalid("xaiRequestId", "a pending state needs xaiRequestId, submittedAt and deadline");
        }
        Imagine.Check check;
        try {
            check = imagine.check(state.operation(), state.xaiRequestId());
        } catch (JobThrottled throttled) {
            Instant now = clock.instant();
            if (pastDeadline(state, now)) {
                return timedOut(state);
            }
            JobState later =
                    state.pending(state.progress(), schedule.afterThrottle(throttled.retryAfterSeconds(), state, now));
            LOG.warnf(
                    "job %s: xAI throttled the status look; next look in %d s", state.jobId(), later.nextPollSeconds());
            return later;
        }
        Instant now = clock.instant();
        if (check.status() != JobStatus.PENDING) {
            Integer progress = check.status() == JobStatus.DONE ? Integer.valueOf(100) : state.progress();
            metrics.detected(state, now);
            LOG.infof(
                    "job %s: ended at xAI, %s after %d polls%s",
                    state.jobId(),
                    check.status().id(),
                    state.polls() + 1,
                    check.failure() == null ? "" : " (" + check.failure().code() + ")");
            return state.ended(check.status(), progress, check.outputs(), check.cost(), check.failure());
        }
        if (pastDeadline(state, now)) {
            return timedOut(state);
        }
        JobState seen = state.read(
                check.progress(), Duration.between(state.submittedAt(), now).toMillis() / 1000.0);
        PollSchedule.Look look = schedule.next(seen, now);
        return recorded(seen.pending(check.progress(), look.seconds()), look.finish(), now);
    }

    /**
     * The job goes on: its record learns the progress, the polls and the estimate (one conditional write, only
     * while it runs), so that {@code GET /jobs/{id}} shows them, and a progress webhook goes out when one is due.
     * A cancel asked meanwhile ends the job here, should the execution not have been stopped.
     */
    private JobState recorded(JobState next, Instant estimate, Instant now) {
        long started = System.nanoTime();
        Optional<JobRecord> record = store.progressed(next.jobId(), next.progress(), next.polls(), estimate);
        // One line per poll of a running job: where it stands, and what recording it cost (bench/soak reads these).
        LOG.infof(
                "job %s: pending at %s%%, progress recorded in %.1f ms",
                next.jobId(), next.progress() == null ? "?" : next.progress(), (System.nanoTime() - started) / 1e6);
        if (record.isEmpty()) {
            // Not running: cancelled meanwhile (this execution outlived its stop), or already ended elsewhere.
            return store.find(next.jobId())
                    .filter(r -> r.status() == RecordStatus.CANCELLED && r.cancel() != null)
                    .map(r -> cancelled(next, r))
                    .orElse(next);
        }
        if (record.get().cancel() != null) {
            return cancelled(next, record.get());
        }
        WebhookSpec webhook = record.get().asked().webhook();
        if (webhook != null
                && webhook.wants(WebhookSpec.PROGRESS)
                && store.progressWebhookDue(next.jobId(), now, progressInterval)) {
            webhooks.queue(
                    next.jobId(), WebhookSpec.PROGRESS, Webhooks.id(next.jobId(), WebhookSpec.PROGRESS, next.polls()));
        }
        return next;
    }

    private static JobState cancelled(JobState next, JobRecord record) {
        return next.ended(
                JobStatus.CANCELLED,
                next.progress(),
                null,
                null,
                JobFailure.of(
                        ErrorCode.JOB_CANCELLED,
                        "cancelled at " + record.cancel().requestedAt() + " at its owner's request"));
    }

    /**
     * A job whose start answer was lost has no xAI request id to ask about: its outputs are looked for where xAI
     * was told to upload them, at the same adaptive pace, until the deadline; then it fails with the error that
     * started the recovery.
     */
    private JobState lookInS3(JobState state) {
        if (state.deliverTo() == null || state.expectedOutputs() == null || state.deadline() == null) {
            throw new JobInvalid("deliverTo", "a recovering state needs deliverTo, expectedOutputs and deadline");
        }
        var found = deliveries.recovered(state.jobId(), state.deliverTo(), state.expectedOutputs());
        if (found.isPresent()) {
            return state.recoveredWith(found.get());
        }
        Instant now = clock.instant();
        if (pastDeadline(state, now)) {
            JobFailure why = state.error() != null
                    ? state.error()
                    : JobFailure.of(ErrorCode.XAI_OUTCOME_UNKNOWN, "xAI's answer to the start was lost");
            return state.notRecovered(JobFailure.of(
                    why.code(),
                    why.message() + "; no output appeared in "
                            + state.deliverTo().uri() + state.jobId() + "/ by the deadline " + state.deadline()));
        }
        PollSchedule.Look look = schedule.next(state, now);
        return recorded(state.stillRecovering(look.seconds()), look.finish(), now);
    }

    private static boolean pastDeadline(JobState state, Instant now) {
        return !now.isBefore(state.deadline());
    }

    private static JobState timedOut(JobState state) {
        return state.ended(
                JobStatus.TIMED_OUT,
                state.progress(),
                null,
                null,
                JobFailure.of(
                        ErrorCode.JOB_TIMED_OUT, "xAI had not finished by the job's deadline " + state.deadline()));
    }
}
