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
    private final InMemoryJobStore store = new InMemoryJobStore();
    private final FakeWebhooks webhooks = new FakeWebhooks();
    private final PollService poll = new PollService(
            xai,
            TestDeliveries.off(),
            new PollSchedule(config),
            store,
            webhooks,
            TestConfig.webhooks(),
            TestConfig.metrics(),
            clock);

    private static JobState started() {
        JobRequest request = TestJobs.request(Operation.TEXT_TO_VIDEO, "A fox");
        return JobState.started("j-1", request, "xai-1", T0, T0.plus(Duration.ofMinutes(30)), 10, null);
    }

    @Test
    void aPendingJobIsLookedAtOnceAndWaitsAsItsProgressSays() {
        clock.advance(Duration.ofSeconds(10));
        xai.answerCheck("xai-1", new Imagine.Check(JobStatus.PENDING, 25, null, null, null));

        JobState next = poll.poll(started());

        assertEquals(JobStatus.PENDING, next.status());
        assertEquals(25, next.progress());
        assertEquals(1, next.polls());
        assertTrue(next.nextPollSeconds() >= 1 && next.nextPollSeconds() <= 120, "wait " + next.nextPollSeconds());
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
    void aQueuedStatePassesThroughWithoutALookAtXai() {
        JobRequest request = TestJobs.request(Operation.TEXT_TO_VIDEO, "A fox");
        JobState queued = JobState.queued("j-q", request, new StartQueue(T0, T0.plusSeconds(30)), 28);

        assertEquals(queued, poll.poll(queued));
        assertTrue(xai.looks.isEmpty(), "not started: nothing to look at");
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

    /** The job as submit records it: claimed, then running at xAI, asking for {@code webhook}. */
    private JobState recordedRunning(WebhookSpec webhook) {
        JobRequest request = TestJobs.withWebhook(Operation.TEXT_TO_VIDEO, null, webhook);
        store.claim(TestJobs.claim("j-1", request), T0, T0.plusSeconds(90));
        JobState state = started();
        store.started(state);
        return state;
    }

    @Test
    void eachPollOfARunningJobWritesItsProgressPollsAndEstimateToTheRecord() {
        JobState state = recordedRunning(null);
        clock.advance(Duration.ofSeconds(20));
        xai.answerCheck("xai-1", new Imagine.Check(JobStatus.PENDING, 40, null, null, null));

        JobState next = poll.poll(state);

        JobRecord record = store.find("j-1").orElseThrow();
        assertEquals(40, record.progress());
        assertEquals(next.polls(), record.polls());
        // 40 % after 20 s: done about 50 s after the submit (the schedule's median, docs/polling.md).
        long estimate = Duration.between(T0, record.estimatedCompletionAt()).toSeconds();
        assertTrue(estimate >= 44 && estimate <= 56, "estimated at " + estimate + " s");
        assertEquals(1, next.readings().size(), "the reading is kept in the state for the next look");
        assertTrue(webhooks.queued.isEmpty(), "no webhook was asked for");
    }

    @Test
    void progressWebhooksGoOutAtMostOncePerInterval() {
        JobState state = recordedRunning(new WebhookSpec(
                java.net.URI.create("https://hooks.example.com/"),
                List.of(WebhookSpec.PROGRESS, WebhookSpec.COMPLETED)));
        for (int i = 1; i <= 6; i++) {
            clock.advance(Duration.ofSeconds(3));
            xai.answerCheck("xai-1", new Imagine.Check(JobStatus.PENDING, 10 * i, null, null, null));
            state = poll.poll(state);
        }
        // Polls at 3, 6, 9, 12, 15, 18 s with a 10 s interval: at 3, 15 s (13 and later are due; 15 is the first).
        assertEquals(List.of("j-1-progress-1", "j-1-progress-5"), webhooks.queued);
    }

    @Test
    void aCancelAskedWhileTheExecutionCouldNotBeStoppedEndsTheJobAtItsNextPoll() {
        JobState state = recordedRunning(null);
        store.cancelRequested("j-1", T0.plusSeconds(5));
        clock.advance(Duration.ofSeconds(10));
        xai.answerCheck("xai-1", new Imagine.Check(JobStatus.PENDING, 30, null, null, null));

        JobState next = poll.poll(state);

        assertEquals(JobStatus.CANCELLED, next.status());
        assertEquals(ErrorCode.JOB_CANCELLED, next.error().code());
    }

    @Test
    void anExecutionThatWasNotStoppedEndsAtItsNextPollOnceItsRecordIsCancelled() {
        // A job an event started: its execution is not named by its id, so a cancel cannot stop it.
        JobState state = recordedRunning(null);
        store.cancel("j-1", T0.plusSeconds(5), JobFailure.of(ErrorCode.JOB_CANCELLED, "cancelled"), null);
        clock.advance(Duration.ofSeconds(10));
        xai.answerCheck("xai-1", new Imagine.Check(JobStatus.PENDING, 30, null, null, null));

        JobState next = poll.poll(state);

        assertEquals(JobStatus.CANCELLED, next.status());
        assertEquals(RecordStatus.CANCELLED, store.find("j-1").orElseThrow().status());
    }
}
