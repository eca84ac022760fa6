package io.imagineflow.job;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When to look at a job next (docs/polling.md). Each look is planned from an estimate of when the job will finish
 * ({@link FinishEstimate}): the generation time expected for the job's kind (operation, and a video's length and
 * resolution, from configuration), every progress reading xAI gave so far, and that the job was still pending at
 * the last look. The wait is the first of the series of looks that costs least, looks and detection delay
 * together ({@link WaitPlan}). A throttled look waits what xAI's Retry-After says. Every wait stays within the
 * configured bounds and ends no later than the deadline.
 */
@ApplicationScoped
public class PollSchedule {

    /** The next look: the wait before it, and when the job is expected to finish (for the job's record). */
    public record Look(int seconds, Instant finish) {}

    private final JobConfig.Poll poll;
    private final ProgressModel progress;

    public PollSchedule(JobConfig config) {
        this.poll = config.poll();
        this.progress = new ProgressModel(poll.progressNoise(), poll.progressBias());
        check();
    }

    /** Built at start-up, so that settings that cannot work stop the function there and not at a job's poll. */
    void started(@Observes StartupEvent started) {}

    /** Every setting the plans read, checked once, each refusal naming its key. */
    private void check() {
        for (Operation operation : Operation.values()) {
            for (String resolution : new String[] {"480p", "720p", "1080p"}) {
                try {
                    expected(operation, resolution, outputSeconds(operation, null));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("imagine.job.poll: the generation time of "
                            + operation.id() + " needs a median above 0 and a p90 above it (image-median, image-p90, "
                            + "image-edit-median, image-edit-p90, video-base, video-per-second-*, "
                            + "video-p90-over-median): " + e.getMessage());
                }
            }
        }
        if (!(poll.delayWeight() > 0)) {
            throw new IllegalArgumentException(
                    "imagine.job.poll.delay-weight must be above 0, got " + poll.delayWeight());
        }
    }

    public Instant deadline(Operation operation, Instant submittedAt) {
        return submittedAt.plus(operation.video() ? poll.videoDeadline() : poll.imageDeadline());
    }

    /** The shortest wait: for a job already under way whose progress is unknown (a submit that died). */
    public int shortestWait() {
        return (int) Math.max(1, poll.minWait().toSeconds());
    }

    /** What xAI is expected to take over {@code request}. */
    public GenerationTime expected(JobRequest request) {
        return expected(request.operation(), request.options().resolution(), outputSeconds(request));
    }

    /** The first look at a job submitted {@code now}. */
    public int firstWait(JobRequest request, Instant now, Instant deadline) {
        return plan(expected(request), List.of(), now, now, deadline).seconds();
    }

    /** The look after one that found {@code state} pending (its readings include that look's, if any). */
    public Look next(JobState state, Instant now) {
        GenerationTime expected = state.expected() != null
                ? state.expected()
                : expected(state.operation(), null, outputSeconds(state.operation(), null));
        List<ProgressReading> readings = state.readings() == null ? List.of() : state.readings();
        // A recovering job's claim may not say when it was received: planned as if from now.
        Instant since = state.submittedAt() != null ? state.submittedAt() : now;
        return plan(expected, readings, since, now, state.deadline());
    }

    /** A throttled poll: xAI's Retry-After, still within the deadline. */
    public int afterThrottle(long retryAfterSeconds, JobState state, Instant now) {
        Duration wait =
                Duration.ofSeconds(Math.max(retryAfterSeconds, poll.minWait().toSeconds()));
        long untilDeadline = Math.max(1, Duration.between(now, state.deadline()).toSeconds());
        return (int) Math.min(wait.toSeconds(), untilDeadline);
    }

    private Look plan(
            GenerationTime expected,
            List<ProgressReading> readings,
            Instant submittedAt,
            Instant now,
            Instant deadline) {
        double elapsed = Math.max(0, Duration.between(submittedAt, now).toMillis() / 1000.0);
        int minWait = shortestWait();
        int maxWait = (int) Math.max(minWait, poll.maxWait().toSeconds());
        int untilDeadline = (int) Math.max(1, Duration.between(now, deadline).toSeconds());
        // Far enough ahead that the plan sees every finish still likely: the slow tail of the generation time, the
        // latest finish a reading allows, or (for a job already in that tail) as long again as it has run; and one
        // longest wait beyond.
        double reach = Math.max(Math.max(expected.nearlyAll(), progress.latestFinish(readings)), 2 * elapsed)
                - elapsed
                + maxWait;
        int seconds = (int) Math.min(untilDeadline, Math.max(minWait, Math.ceil(reach)));
        FinishEstimate estimate = FinishEstimate.of(expected, progress, readings, elapsed, seconds);
        int wait = seconds <= minWait ? seconds : WaitPlan.best(estimate, minWait, maxWait, poll.delayWeight());
        Instant finish = submittedAt.plusMillis(Math.round(estimate.median() * 1000));
        return new Look(Math.min(wait, untilDeadline), finish.isAfter(deadline) ? deadline : finish);
    }

    private GenerationTime expected(Operation operation, String resolution, int outputSeconds) {
        return switch (operation) {
            case IMAGE_GENERATE -> time(poll.imageMedian(), poll.imageP90());
            case IMAGE_EDIT -> time(poll.imageEditMedian(), poll.imageEditP90());
            default -> {
                Duration perSecond = switch (resolution == null ? "480p" : resolution) {
                    case "720p" -> poll.videoPerSecond720p();
                    case "1080p" -> poll.videoPerSecond1080p();
                    default -> poll.videoPerSecond480p();
                };
                double median = poll.videoBase()
                                .plus(perSecond.multipliedBy(outputSeconds))
                                .toMillis()
                        / 1000.0;
                yield new GenerationTime(median, median * poll.videoP90OverMedian());
            }
        };
    }

    private static GenerationTime time(Duration median, Duration p90) {
        return new GenerationTime(median.toMillis() / 1000.0, p90.toMillis() / 1000.0);
    }

    private static int outputSeconds(JobRequest request) {
        return outputSeconds(request.operation(), request.options().duration());
    }

    /** xAI's defaults when no duration is given: 8 s for a generation, 6 s for an extension, ~8 s for an edit. */
    private static int outputSeconds(Operation operation, Integer duration) {
        return switch (operation) {
            case VIDEO_EXTEND -> duration == null ? 6 : duration;
            case VIDEO_EDIT -> 8;
            default -> duration == null ? 8 : duration;
        };
    }
}
