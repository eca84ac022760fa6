package io.imagineflow.job;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static final JobRequest VIDEO = request(Operation.TEXT_TO_VIDEO, "480p", 5);

    private JobState started(JobRequest request, Instant deadline) {
        return JobState.started("job", request, "r", T0, deadline, 1, schedule.expected(request));
    }

    /** The state after looks at {@code seconds} after submit that found {@code progress} (null: none said). */
    private JobState lookedAt(JobState state, double seconds, Integer progress) {
        JobState seen = state.read(progress, seconds);
        return seen.pending(progress, schedule.next(seen, at(seconds)).seconds());
    }

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    private static PollSchedule with(Map<String, String> settings) {
        Map<String, String> props = new java.util.HashMap<>();
        settings.forEach((k, v) -> props.put("imagine.job.poll." + k, v));
        return new PollSchedule(new SmallRyeConfigBuilder()
                .withMapping(JobConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 500))
                .build()
                .getConfigMapping(JobConfig.class));
    }

    @Test
    void theExpectedTimeFollowsTheOperationTheLengthAndTheResolution() {
        assertEquals(new GenerationTime(8, 20), schedule.expected(request(Operation.IMAGE_GENERATE, null, null)));
        assertEquals(new GenerationTime(10, 25), schedule.expected(request(Operation.IMAGE_EDIT, null, null)));
        // 20 s plus 5 s per second at 480p: the 45 s median of a 5 s video, its p90 2.16 times that.
        GenerationTime video = schedule.expected(VIDEO);
        assertEquals(45, video.median(), 1e-9);
        assertEquals(97.2, video.p90(), 1e-9);
        assertEquals(
                20 + 9 * 8,
                schedule.expected(request(Operation.TEXT_TO_VIDEO, "720p", null))
                        .median(),
                1e-9);
        assertEquals(
                20 + 15 * 6,
                schedule.expected(request(Operation.VIDEO_EXTEND, "1080p", null))
                        .median(),
                1e-9);
    }

    @Test
    void theFirstLookComesBeforeMostJobsAreDoneAndLaterForLongerJobs() {
        Instant imageDeadline = schedule.deadline(Operation.IMAGE_GENERATE, T0);
        int image = schedule.firstWait(request(Operation.IMAGE_GENERATE, null, null), T0, imageDeadline);
        Instant videoDeadline = schedule.deadline(Operation.TEXT_TO_VIDEO, T0);
        int video = schedule.firstWait(VIDEO, T0, videoDeadline);
        int longVideo = schedule.firstWait(request(Operation.TEXT_TO_VIDEO, "1080p", 15), T0, videoDeadline);
        assertTrue(image >= 2 && image <= 8, "an image is looked at before its 8 s median: " + image);
        assertTrue(video >= 15 && video <= 45, "a 45 s video is looked at before its median: " + video);
        assertTrue(longVideo > video, "a 1080p 15 s video later than a 480p 5 s one: " + longVideo);
        // What the operator configures moves it.
        int slower = with(Map.of("video-base", "PT60S")).firstWait(VIDEO, T0, videoDeadline);
        assertTrue(slower > video, "a slower configured video is looked at later: " + slower + " vs " + video);
    }

    @Test
    void exactProgressIsFollowedToTheFinish() {
        PollSchedule trusting = with(Map.of("progress-noise", "0", "progress-bias", "0"));
        Instant deadline = schedule.deadline(Operation.TEXT_TO_VIDEO, T0);
        JobState state = JobState.started("job", VIDEO, "r", T0, deadline, 20, trusting.expected(VIDEO));
        // 20 s in and 40% done: the job finishes at 50 s (between 48.8 and 50.0 by a whole percent), 30 s from now.
        JobState seen = state.read(40, 20);
        PollSchedule.Look look = trusting.next(seen, at(20));
        assertTrue(look.seconds() >= 29 && look.seconds() <= 31, "looked at when it should be done: " + look.seconds());
        assertEquals(at(49.5).getEpochSecond(), look.finish().getEpochSecond(), 1.0);
        // Far beyond the cap a job that has minutes to go is still looked at once, at its finish, not every 30 s.
        PollSchedule.Look slow = trusting.next(state.read(10, 20), at(20));
        assertEquals(120, slow.seconds(), "a job 10% done after 20 s waits the longest wait");
    }

    @Test
    void everyReadingCountsNotOnlyTheLast() {
        Instant deadline = schedule.deadline(Operation.TEXT_TO_VIDEO, T0);
        // Noisy reports: 30% at 18 s says 60 s, 55% at 27 s says 49 s. The last one alone would put the finish
        // near 49 s; both together move it later, between the two.
        JobState both = started(VIDEO, deadline).read(30, 18).read(55, 27);
        JobState last = started(VIDEO, deadline).read(55, 27);
        Instant withBoth = schedule.next(both, at(27)).finish();
        Instant withLast = schedule.next(last, at(27)).finish();
        assertTrue(withBoth.isAfter(withLast), withBoth + " after " + withLast);
        assertTrue(withBoth.isBefore(at(60)), withBoth + " before the first reading's 60 s");
        assertEquals(2, both.readings().size());
    }

    @Test
    void withoutProgressTheLooksAreDenseWhereJobsFinishAndSparserInTheTail() {
        Instant deadline = schedule.deadline(Operation.TEXT_TO_VIDEO, T0);
        JobState state = started(VIDEO, deadline);
        int nearMedian = schedule.next(lookedAt(state, 40, null), at(40)).seconds();
        int inTail = schedule.next(lookedAt(state, 300, null), at(300)).seconds();
        assertTrue(nearMedian <= 10, "near the median: " + nearMedian);
        assertTrue(inTail > nearMedian, "far in the tail: " + inTail + " vs " + nearMedian);
        // A lower weight of a second's delay spreads the looks out.
        PollSchedule patient = with(Map.of("delay-weight", "0.1"));
        int patientTail = patient.next(lookedAt(state, 300, null), at(300)).seconds();
        assertTrue(patientTail > 2 * inTail, "patient: " + patientTail + " vs " + inTail);
        assertTrue(patientTail <= 120, "never more than the longest wait: " + patientTail);
        assertNull(lookedAt(state, 40, null).readings(), "a look without progress adds no reading");
    }

    @Test
    void aStateWithoutAnExpectationUsesTheOperationsDefault() {
        Instant deadline = schedule.deadline(Operation.TEXT_TO_VIDEO, T0);
        JobState bare = JobState.started("job", VIDEO, "r", T0, deadline, 1, null);
        PollSchedule.Look look = schedule.next(bare, at(30));
        assertTrue(look.seconds() >= 1 && look.seconds() <= 120, "a wait: " + look.seconds());
    }

    @Test
    void noWaitRunsPastTheDeadline() {
        Instant deadline = T0.plusSeconds(100);
        JobState state = started(VIDEO, deadline);
        assertTrue(schedule.next(state, at(96)).seconds() <= 4);
        assertEquals(1, schedule.next(state, at(100)).seconds());
        assertTrue(!schedule.next(state.read(5, 90), at(90)).finish().isAfter(deadline), "estimate within it");
    }

    @Test
    void aStateKeepsItsLatestReadingsOnly() {
        JobState state = started(VIDEO, T0.plus(Duration.ofMinutes(30)));
        for (int i = 1; i <= 40; i++) {
            state = state.read(i, i);
        }
        assertEquals(JobState.MAX_READINGS, state.readings().size());
        assertEquals(new ProgressReading(40, 40), state.readings().get(JobState.MAX_READINGS - 1));
        assertEquals(state, state.read(0, 41), "0% (queued) says nothing");
        assertEquals(state, state.read(null, 41));
    }

    @Test
    void settingsThatCannotWorkAreRefusedByName() {
        IllegalArgumentException p90 = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> with(Map.of("image-p90", "PT5S")));
        assertTrue(p90.getMessage().contains("image-p90"), p90.getMessage());
        IllegalArgumentException noise = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> with(Map.of("progress-noise", "1.5")));
        assertTrue(noise.getMessage().contains("imagine.job.poll.progress-noise"), noise.getMessage());
        IllegalArgumentException weight = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> with(Map.of("delay-weight", "0")));
        assertTrue(weight.getMessage().contains("imagine.job.poll.delay-weight"), weight.getMessage());
    }

    @Test
    void aRecoveringJobWithoutAReceivedTimeIsPlannedFromNow() {
        JobState bare = JobState.started("job", VIDEO, null, null, T0.plusSeconds(1800), 1, null);
        assertTrue(schedule.next(bare, T0).seconds() >= 1);
    }

    @Test
    void aThrottledLookWaitsTheRetryAfter() {
        JobState state = started(VIDEO, T0.plusSeconds(1800));
        assertEquals(7, schedule.afterThrottle(7, state, T0));
        assertEquals(1, schedule.afterThrottle(0, state, T0));
        assertEquals(3, schedule.afterThrottle(60, started(VIDEO, T0.plusSeconds(3)), T0));
    }
}
