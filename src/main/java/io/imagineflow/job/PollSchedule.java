package io.imagineflow.job;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * When to look at a job next. The first wait is what the operation is expected to take (videos by length and
 * resolution), so a typical job is seen done on the first or second poll. After that, a reported progress
 * predicts the rest (elapsed time scaled by what is left); without one the wait grows by half each time. A
 * throttled poll waits what xAI's Retry-After says. Every wait stays within the configured bounds and ends no
 * later than the deadline.
 */
@ApplicationScoped
public class PollSchedule {

    private static final double BACKOFF = 1.5;

    private final JobConfig.Poll poll;

    public PollSchedule(JobConfig config) {
        this.poll = config.poll();
    }

    public Instant deadline(Operation operation, Instant submittedAt) {
        return submittedAt.plus(operation.video() ? poll.videoDeadline() : poll.imageDeadline());
    }

    /** The shortest wait: for a job already under way whose progress is unknown (a submit that died). */
    public int shortestWait() {
        return (int) Math.max(1, poll.minWait().toSeconds());
    }

    public int firstWait(JobRequest request, Instant now, Instant deadline) {
        return bounded(expected(request), now, deadline);
    }

    /** After a poll that found the job pending with {@code progress} (null when xAI did not say). */
    public int nextWait(JobState state, Integer progress, Instant now) {
        Instant deadline = state.deadline();
        Duration wait;
        if (progress != null && progress > 0 && progress < 100) {
            Duration elapsed = Duration.between(state.submittedAt(), now);
            wait = elapsed.multipliedBy(100 - progress).dividedBy(progress);
        } else {
            wait = Duration.ofMillis((long) (Math.max(1, state.nextPollSeconds()) * 1000 * BACKOFF));
        }
        return bounded(wait, now, deadline);
    }

    /** A throttled poll: xAI's Retry-After, still within the deadline. */
    public int afterThrottle(long retryAfterSeconds, JobState state, Instant now) {
        Duration wait =
                Duration.ofSeconds(Math.max(retryAfterSeconds, poll.minWait().toSeconds()));
        long untilDeadline = Math.max(1, Duration.between(now, state.deadline()).toSeconds());
        return (int) Math.min(wait.toSeconds(), untilDeadline);
    }

    Duration expected(JobRequest request) {
        return switch (request.operation()) {
            case IMAGE_GENERATE -> poll.imageFirstWait();
            case IMAGE_EDIT -> poll.imageEditFirstWait();
            default -> {
                Duration perSecond = switch (request.options().resolution() == null
                        ? "480p"
                        : request.options().resolution()) {
                    case "720p" -> poll.videoPerSecond720p();
                    case "1080p" -> poll.videoPerSecond1080p();
                    default -> poll.videoPerSecond480p();
                };
                yield poll.videoBaseWait().plus(perSecond.multipliedBy(outputSeconds(request)));
            }
        };
    }

    /** xAI's defaults when no duration is given: 8 s for a generation, 6 s for an extension, ~8 s for an edit. */
    private static int outputSeconds(JobRequest request) {
        Integer duration = request.options().duration();
        return switch (request.operation()) {
            case VIDEO_EXTEND -> duration == null ? 6 : duration;
            case VIDEO_EDIT -> 8;
            default -> duration == null ? 8 : duration;
        };
    }

    private int bounded(Duration wait, Instant now, Instant deadline) {
        long seconds = Math.round(wait.toMillis() / 1000.0);
        seconds = Math.max(poll.minWait().toSeconds(), Math.min(poll.maxWait().toSeconds(), seconds));
        long untilDeadline = Duration.between(now, deadline).toSeconds();
        return (int) Math.max(1, Math.min(seconds, untilDeadline));
    }
}
