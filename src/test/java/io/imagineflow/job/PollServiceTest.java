package io.imagineflow.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Poll's rules over a scripted xAI: one look per call, the outcome when it ends, the deadline, throttling. */
class PollServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

    private final FakeImagine xai = new FakeImagine();
    private final TestClock clock = new TestClock(T0);
    private final JobConfig config = TestConfig.defaults();
    private final PollService poll = new PollService(xai, TestDeliveries.off(), new PollSchedule(config), clock);

    private static JobState started() {
        JobRequest request = TestJobs.request(Operation.TEXT_TO_VIDEO, "A fox");
        return JobState.started("j-1", request, "xai-1", T0, T0.plus(Duration.ofMinutes(30)), 10);
    }

    @Test
    void aPendingJobIsLookedAtOnceAndWaitsAsItsProgressSays() {
        clock.advance(Duration.ofSeconds(10));
        xai.answerCheck("xai-1", new Imagine.Check(JobStatus.PENDING, 25, null, null, null));

        JobState next = poll.poll(started());

        assertEquals(JobStatus.PENDING, next.status());
        assertEquals(25, next.progress());
        assertEquals(1, next.polls());
        assertTrue(next.nextPollSeconds() >= 1 && next.nextPollSeconds() <= 30, "wait " + next.nextPollSeconds());
        assertEquals(List.of("xai-1"), xai.looks);
    }

    @Test
    void aFinishedJobCarriesItsOutputsAndCost() {
        JobOutput video = new JobOutput(
                "https://vidgen.x.ai/1.mp4", "video/mp4", 6, null, null, null, null, null, null, null, null, null);
        xai.answerCheck("xai-1", new Imagine.Check(JobStatus.DONE, 100, List.of(video), new JobCost(9, null), null));

        JobState done = poll.poll(started());

        assertEquals(JobStatus.DONE, done.status());
        assertEquals(List.of(video), done.outputs());
        assertEquals(9, done.cost().usdTicks());
        assertEquals(100, done.progress());
        assertEquals(0, done.nextPollSeconds());
    }

    @Test
    void aModeratedJobKeepsItsFailureAndItsCost() {
        xai.answerCheck(
                "xai-1",
                new Imagine.Check(
                        JobStatus.MODERATED,
                        null,
                        null,
                        new JobCost(5, null),
                        JobFailure.of(ErrorCode.XAI_MODERATED, "refused")));

        JobState ended = poll.poll(started());

        assertEquals(JobStatus.MODERATED, ended.status());
        assertEquals(ErrorCode.XAI_MODERATED, ended.error().code());
        assertEquals(5, ended.cost().usdTicks());
    }

    @Test
    void aJobStillPendingAtItsDeadlineIsTimedOut() {
        clock.advance(Duration.ofMinutes(31));

        JobState ended = poll.poll(started());

        assertEquals(JobStatus.TIMED_OUT, ended.status());
        assertEquals(ErrorCode.JOB_TIMED_OUT, ended.error().code());
    }

    @Test
    void aThrottledLookWaitsAsXaiAsksAndFailsNothing() {
        xai.failCheck("xai-1", new JobThrottled("429", 12, null));

        JobState next = poll.poll(started());

        assertEquals(JobStatus.PENDING, next.status());
        assertTrue(next.nextPollSeconds() >= 12, "wait " + next.nextPollSeconds());
        assertEquals(null, next.error());
    }

    @Test
    void aThrottledLookPastTheDeadlineTimesTheJobOut() {
        clock.advance(Duration.ofMinutes(30));
        xai.failCheck("xai-1", new JobThrottled("429", 12, null));

        assertEquals(JobStatus.TIMED_OUT, poll.poll(started()).status());
    }

    @Test
    void anEndedStatePassesThroughWithoutALook() {
        JobState ended = started().ended(JobStatus.DONE, 100, List.of(), null, null);

        assertSame(ended, poll.poll(ended));
        assertTrue(xai.looks.isEmpty());
    }

    @Test
    void aStateWithoutWhatPollNeedsIsRefusedByField() {
        JobState noStatus = JobState.failedWithoutState("j", null);
        JobState bare = new JobState(
                1,
                "j",
                Operation.TEXT_TO_VIDEO,
                "m",
                null,
                JobStatus.PENDING,
                null,
                0,
                null,
                null,
                1,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        assertEquals(
                "xaiRequestId",
                assertThrows(JobInvalid.class, () -> poll.poll(bare))
                        .violations()
                        .get(0)
                        .field());
        assertTrue(xai.looks.isEmpty());
        assertEquals(JobStatus.FAILED, poll.poll(noStatus).status());
    }
}
