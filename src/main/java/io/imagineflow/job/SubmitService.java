package io.imagineflow.job;

import io.imagineflow.ops.LogContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a job once, however many times its event arrives: claim the id, turn S3 inputs into xAI files, start
 * the generation, record it as running. A duplicate gets the existing job's state and costs no xAI call. When
 * xAI surely did not take the job (throttled, unreachable) the claim is released and the error goes up for the
 * state machine to retry; any other failure after the claim ends the job with a failed record.
 */
@ApplicationScoped
public class SubmitService {

    private static final Logger LOG = Logger.getLogger(SubmitService.class);

    private final JobStore store;
    private final Imagine imagine;
    private final InputUploads uploads;
    private final Deliveries deliveries;
    private final PollSchedule schedule;
    private final RateGovernor governor;
    private final JobConfig config;
    private final JobMetrics metrics;
    private final Clock clock;

    SubmitService(
            JobStore store,
            Imagine imagine,
            InputUploads uploads,
            Deliveries deliveries,
            PollSchedule schedule,
            RateGovernor governor,
            JobConfig config,
            JobMetrics metrics,
            Clock clock) {
        this.store = store;
        this.imagine = imagine;
        this.uploads = uploads;
        this.deliveries = deliveries;
        this.schedule = schedule;
        this.governor = governor;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    public JobState submit(IncomingJob job) {
        return submit(job, null);
    }

    /**
     * Submits a job that may have waited for a start already: {@code held} is the place in its model's queue that
     * an earlier submit gave it (null the first time).
     */
    public JobState submit(IncomingJob job, StartQueue held) {
        JobRequest request = job.request();
        LogContext.job(job.jobId(), request.operation().id());
        Instant now = clock.instant();
        JobStore.NewJob newJob = new JobStore.NewJob(
                job.jobId(),
                Hashes.request(request),
                request.operation(),
                request.model(),
                Hashes.prompt(request.prompt()),
                job.source(),
                request.user(),
                request.tags(),
                now,
                request.deliverTo(),
                request.deliverTo() == null ? null : request.outputCount(),
                request.webhook());
        JobStore.Claim claim = store.claim(newJob, now, now.plus(config.submit().claimHold()));
        if (claim instanceof JobStore.Claim.Existing existing) {
            LogContext.xaiRequest(existing.record().xaiRequestId());
            LOG.infof(
                    "job %s: duplicate delivery, answered from its record (%s)",
                    job.jobId(), existing.record().status().id());
            return existing.record()
                    .toState((int) config.poll().minWait().toSeconds())
                    .asDuplicate();
        }
        LOG.infof(
                "job %s: claimed (%s, from %s)",
                job.jobId(), request.operation().id(), job.source());
        boolean starting = false;
        try {
            JobRequest resolved = request.withInputs(resolve(request.inputs()));
            // The URLs are signed before xAI is called: the place of the outputs is known even if its answer is not.
            List<URI> uploadUrls = deliveries.uploadUrls(
                    job.jobId(), request, schedule.deadline(request.operation(), clock.instant()));
            // Last before the request, so that it goes out on its slot.
            RateGovernor.Admission admission = governor.admit(request, held, clock.instant());
            if (admission instanceof RateGovernor.Admission.Wait wait) {
                return queued(job, wait);
            }
            if (admission instanceof RateGovernor.Admission.TimedOut timedOut) {
                return endedAtStart(job, request, clock.instant(), JobStatus.FAILED, timedOut.failure(), null);
            }
            Instant slot = ((RateGovernor.Admission.Go) admission).at();
            if (!governor.awaitSlot(request, slot)) {
                return queued(job, governor.missed(held == null ? now : held.since()));
            }
            LOG.infof("job %s: starting on its slot %s", job.jobId(), slot);
            starting = true;
            Imagine.Started started = imagine.start(job.jobId(), resolved, uploadUrls);
            Instant submittedAt = clock.instant();
            Instant deadline = schedule.deadline(request.operation(), submittedAt);
            if (started instanceof Imagine.Started.Ended ended) {
                if (recoverable(request, ended.failure())) {
                    return recovering(job, request, ended.failure(), submittedAt, deadline);
                }
                return endedAtStart(job, request, submittedAt, ended.status(), ended.failure(), ended.cost());
            }
            String xaiRequestId = ((Imagine.Started.Accepted) started).xaiRequestId();
            LogContext.xaiRequest(xaiRequestId);
            JobState state = JobState.started(
                    job.jobId(),
                    request,
                    xaiRequestId,
                    submittedAt,
                    deadline,
                    schedule.firstWait(request, submittedAt, deadline),
                    schedule.expected(request));
            LOG.infof(
                    "job %s: %s started at xAI as %s",
                    job.jobId(), request.operation().id(), xaiRequestId);
            metrics.started(state);
            return recordStarted(state);
        } catch (JobThrottled e) {
            // Only the generation request is governed: a 429 of xAI Files (an input's upload) is retried as any.
            if (!governor.enabled() || !starting) {
                return released(job, e);
            }
            // Another client on the key took the model's capacity: the queue holds back, and this job takes its
            // turn in it again. xAI did not take the job (429), so it is paid once, when it starts.
            governor.throttled(request, e.retryAfterSeconds(), clock.instant());
            StartQueue since = new StartQueue(held == null ? now : held.since(), null);
            RateGovernor.Admission again = governor.admit(request, since, clock.instant());
            if (again instanceof RateGovernor.Admission.TimedOut timedOut) {
                return endedAtStart(job, request, clock.instant(), JobStatus.FAILED, timedOut.failure(), null);
            }
            return queued(
                    job,
                    again instanceof RateGovernor.Admission.Wait wait
                            ? wait
                            : new RateGovernor.Admission.Wait(
                                    new StartQueue(since.since(), ((RateGovernor.Admission.Go) again).at()), 1));
        } catch (JobException e) {
            if (e.retryable()) {
                return released(job, e);
            }
            return endedAtStart(job, request, clock.instant(), JobStatus.FAILED, e.failure(), null);
        }
    }

    /** Not started: the claim goes (a duplicate delivery meanwhile may start the job) and the state says when. */
    private JobState queued(IncomingJob job, RateGovernor.Admission.Wait wait) {
        store.release(job.jobId());
        StartQueue queue = wait.queue();
        LOG.infof(
                "job %s: queued for a start of %s (%s), back in %d s",
                job.jobId(),
                job.request().model(),
                queue.slot() == null ? "no slot yet" : "slot at " + queue.slot(),
                wait.seconds());
        JobState state = JobState.queued(job.jobId(), job.request(), queue, wait.seconds());
        metrics.queued(state);
        return state;
    }

    private JobState released(IncomingJob job, JobException e) {
        store.release(job.jobId());
        // Not a failure of the job: the state machine retries the submit, which claims the job again.
        LOG.warnf(
                "job %s: not started (%s%s); claim released for the state machine's retry",
                job.jobId(), e.failure().code(), e instanceof JobThrottled ? ", xAI throttled the start" : "");
        throw e;
    }

    /**
     * xAI has taken (and will bill) the job, so from here nothing may release the claim or fail the invocation:
     * a retry would start it again. If the record cannot say so, the state still goes on to poll and finalize
     * (whose write accepts a claimed record); only a duplicate delivery in that window waits on the claim.
     */
    private JobState recordStarted(JobState state) {
        try {
            store.started(state);
        } catch (JobUnavailable e) {
            LOG.errorf(
                    "job %s: started at xAI as %s but not recorded as running (%s); going on with the state",
                    state.jobId(), state.xaiRequestId() == null ? "(unknown)" : state.xaiRequestId(), e.getMessage());
        }
        return state;
    }

    /** xAI may have taken the job without saying so, and its outputs would land in S3 where they can be found. */
    private static boolean recoverable(JobRequest request, JobFailure failure) {
        return request.deliverTo() != null && failure != null && failure.code() == ErrorCode.XAI_OUTCOME_UNKNOWN;
    }

    /**
     * The answer to the start was lost: instead of ending the job (and losing what xAI may have made and billed),
     * the job waits for its outputs at the keys its upload URLs named, until its deadline.
     */
    private JobState recovering(
            IncomingJob job, JobRequest request, JobFailure failure, Instant submittedAt, Instant deadline) {
        LOG.infof(
                "job %s: xAI's answer to the start was lost; looking for its outputs in %s until %s",
                job.jobId(), request.deliverTo().folder(job.jobId()), deadline);
        JobState state = JobState.recovering(
                job.jobId(),
                request,
                failure,
                submittedAt,
                deadline,
                schedule.firstWait(request, submittedAt, deadline),
                schedule.expected(request));
        return recordStarted(state);
    }

    /** S3 objects become xAI file ids; every other input goes to xAI as it is. */
    private JobRequest.Inputs resolve(JobRequest.Inputs in) {
        return new JobRequest.Inputs(
                resolve(in.image(), "inputs.image", false),
                resolveImages(in.images(), "inputs.images"),
                resolveImages(in.referenceImages(), "inputs.reference_images"),
                resolve(in.video(), "inputs.video", true));
    }

    private List<MediaRef> resolveImages(List<MediaRef> images, String field) {
        List<MediaRef> resolved = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            resolved.add(resolve(images.get(i), field + "[" + i + "]", false));
        }
        return resolved;
    }

    private MediaRef resolve(MediaRef ref, String field, boolean video) {
        return ref instanceof MediaRef.S3Object object ? uploads.fileFor(object, field, video) : ref;
    }

    private JobState endedAtStart(
            IncomingJob job, JobRequest request, Instant at, JobStatus status, JobFailure failure, JobCost cost) {
        LOG.infof("job %s: ended at submit, %s (%s)", job.jobId(), status.id(), failure.code());
        JobState state = JobState.endedAtStart(job.jobId(), request, status, failure, cost);
        store.finish(JobRecord.finished(state, at));
        return state;
    }
}
