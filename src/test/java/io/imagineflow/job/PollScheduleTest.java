package io.imagineflow.job;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PollScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-22T04:00:00Z");
    private final PollSchedule schedule = new PollSchedule(TestConfig.defaults());

    private static JobRequest request(Operation operation, String resolution, Integer duration) {
        return new JobRequest(
                operation,
                "m",
                "p",
                null,
                new JobRequest.Options(null, null, resolution, duration),
                null,
                Map.of(),
                null,
                null,
                null);
    }

    private static JobState pending(int lastWait, Instant deadline) {
        return JobState.started("job", request(Operation.TEXT_TO_VIDEO, null, null), "r", T0, deadline, lastWait)
                .pending(null, lastWait);
    }

    @Test
    void theFirstLookAtAnImageComesAfterARender() {
        Instant deadline = schedule.deadline(Operation.IMAGE_GENERATE, T0);
        assertEquals(5, schedule.firstWait(request(Operation.IMAGE_GENERATE, null, null), T0, deadline));
        assertEquals(8, schedule.firstWait(request(Operation.IMAGE_EDIT, null, null), T0, deadline));
    }

    @Test
    void theFirstLookAtAVideoGrowsWithItsLengthAndResolution() {
        Instant deadline = schedule.deadline(Operation.TEXT_TO_VIDEO, T0);
        // 6 s, plus 1.5 s per second at 480p (xAI's default 8 s when none is asked for).
        assertEquals(18, schedule.firstWait(request(Operation.TEXT_TO_VIDEO, null, null), T0, deadline));
        assertEquals(14, schedule.firstWait(request(Operation.TEXT_TO_VIDEO, "480p", 5), T0, deadline));
        assertEquals(26, schedule.firstWait(request(Operation.TEXT_TO_VIDEO, "720p", 8), T0, deadline));
        // Capped: a long 1080p video is still looked at within the maximum wait.
        assertEquals(30, schedule.firstWait(request(Operation.TEXT_TO_VIDEO, "1080p", 15), T0, deadline));
        assertEquals(15, schedule.firstWait(request(Operation.VIDEO_EXTEND, null, null), T0, deadline));
    }

    @Test
    void reportedProgressPredictsTheRest() {
        Instant deadline = T0.plusSeconds(1800);
        // 20 s in and 40% done: 30 s to go.
        assertEquals(30, schedule.nextWait(pending(10, deadline), 40, T0.plusSeconds(20)));
        // 24 s in and 80% done: 6 s to go.
        assertEquals(6, schedule.nextWait(pending(10, deadline), 80, T0.plusSeconds(24)));
    }

    @Test
    void withoutProgressTheWaitGrowsByHalfUpToTheCap() {
        Instant deadline = T0.plusSeconds(1800);
        assertEquals(3, schedule.nextWait(pending(2, deadline), null, T0.plusSeconds(10)));
        assertEquals(15, schedule.nextWait(pending(10, deadline), null, T0.plusSeconds(30)));
        assertEquals(30, schedule.nextWait(pending(30, deadline), null, T0.plusSeconds(60)));
    }

    @Test
    void noWaitRunsPastTheDeadline() {
        Instant deadline = T0.plusSeconds(100);
        assertEquals(4, schedule.nextWait(pending(20, deadline), null, T0.plusSeconds(96)));
        assertEquals(1, schedule.nextWait(pending(20, deadline), null, T0.plusSeconds(100)));
    }

    @Test
    void aThrottledLookWaitsTheRetryAfter() {
        Instant deadline = T0.plusSeconds(1800);
        assertEquals(7, schedule.afterThrottle(7, pending(5, deadline), T0));
        assertEquals(1, schedule.afterThrottle(0, pending(5, deadline), T0));
        assertEquals(3, schedule.afterThrottle(60, pending(5, T0.plusSeconds(3)), T0));
    }
}
