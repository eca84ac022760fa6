package io.imagineflow.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The governor's rules over in-memory slots and a test clock: when a start goes at once, when it queues, what the
 * queued job holds, a paused model, a 429's hold, and submit's queued answer.
 */
class RateGovernorTest {

    private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final InMemoryStartSlots slots = new InMemoryStartSlots();

    private RateGovernor governor(Map<String, String> settings) {
        return new RateGovernor(slots, TestConfig.jobs(settings), clock);
    }

    private static JobRequest video(String model) {
        return TestJobs.request(Operation.TEXT_TO_VIDEO, model, "A fox");
    }

    private static JobRequest image() {
        return TestJobs.request(Operation.IMAGE_GENERATE, "A fox");
    }

    @Test
    void anIdleModelStartsNowAndTheNextJobsQueueOneIntervalApartInArrivalOrder() {
        RateGovernor governor = governor(Map.of("rate.headroom", "1", "rate.settle", "PT0S"));

        assertEquals(new RateGovernor.Admission.Go(T0), governor.admit(video("grok-imagine-video"), null, T0));
        // 1 request per second: the next three slots are 1, 2 and 3 s away, within the 3 s lead.
        for (int i = 1; i <= 3; i++) {
            assertEquals(
                    new RateGovernor.Admission.Go(T0.plusSeconds(i)),
                    governor.admit(video("grok-imagine-video"), null, T0));
        }
        var fifth = assertInstanceOf(
                RateGovernor.Admission.Wait.class, governor.admit(video("grok-imagine-video"), null, T0));
        assertEquals(new StartQueue(T0, T0.plusSeconds(4)), fifth.queue());
        // Back 2.4 s before the slot (four fifths of the lead), in whole seconds (the Wait state's unit): 1.6 s is 1.
        assertEquals(1, fifth.seconds());
    }

    @Test
    void slotsAreGivenTheSettleTimeAheadSoThatTheirAnswerComesFirst() {
        RateGovernor governor = governor(Map.of());

        assertEquals(
                new RateGovernor.Admission.Go(T0.plusMillis(250)),
                governor.admit(video("grok-imagine-video"), null, T0));
    }

    @Test
    void aJobBackLateForItsSlotGoesAtOnceAndTheGateKeepsTheNextOneAGapBehind() {
        RateGovernor governor = governor(Map.of("rate.headroom", "0.9", "rate.settle", "PT0S", "rate.lead", "PT0.2S"));
        clock.advance(Duration.ofSeconds(10));
        StartQueue late = new StartQueue(T0, T0.plusSeconds(9));
        JobRequest request = video("grok-imagine-video");

        assertEquals(new RateGovernor.Admission.Go(T0.plusSeconds(9)), governor.admit(request, late, clock.instant()));
        assertTrue(governor.awaitSlot(request, T0.plusSeconds(9)), "the gate is open: nothing went out lately");
        // The next one, on time for its slot but right behind the late one: the gate (1 / limit and half the
        // headroom's share: 1.05 s) holds it; with the clock stopped it stays shut for the whole lead.
        assertTrue(!governor.awaitSlot(request, clock.instant()), "too close to the last request");
        clock.advance(Duration.ofMillis(1050));
        assertTrue(governor.awaitSlot(request, clock.instant()), "a gap later it passes");
    }

    @Test
    void aJobBackWithItsSlotTakesNoOtherAndGoesOnItsSlot() {
        RateGovernor governor = governor(Map.of("rate.headroom", "1", "rate.settle", "PT0S"));
        StartQueue held = new StartQueue(T0, T0.plusSeconds(10));

        var early = assertInstanceOf(
                RateGovernor.Admission.Wait.class, governor.admit(video("grok-imagine-video"), held, T0));
        assertEquals(held, early.queue());
        clock.advance(Duration.ofSeconds(8));

        assertEquals(
                new RateGovernor.Admission.Go(T0.plusSeconds(10)),
                governor.admit(video("grok-imagine-video"), held, clock.instant()));
        // Nothing was taken meanwhile: the model is still idle for a newcomer.
        assertEquals(
                new RateGovernor.Admission.Go(clock.instant()),
                governor.admit(video("grok-imagine-video"), null, clock.instant()));
    }

    @Test
    void limitsArePerModelWithTheKindsDefaultsAndTheHeadroomSpacesThem() {
        RateGovernor governor = governor(Map.of("rate.models.\"grok-imagine-video-fast\"", "4", "rate.settle", "PT0S"));

        assertEquals(4.0, governor.limit(video("grok-imagine-video-fast")));
        assertEquals(1.0, governor.limit(video("grok-imagine-video")));
        assertEquals(5.0, governor.limit(image()));
        governor.admit(image(), null, T0);
        // 5 per second at 0.95 of it: 210.5 ms apart.
        var second = assertInstanceOf(RateGovernor.Admission.Go.class, governor.admit(image(), null, T0));
        assertEquals(Duration.ofNanos(210_526_316), Duration.between(T0, second.at()));
        // Another model has its own slots.
        assertEquals(new RateGovernor.Admission.Go(T0), governor.admit(video("grok-imagine-video"), null, T0));
    }

    @Test
    void aPausedModelHoldsNoSlotAndItsJobsTimeOutAfterTheLongestQueue() {
        RateGovernor governor = governor(Map.of("rate.video", "0"));

        var waiting = assertInstanceOf(
                RateGovernor.Admission.Wait.class, governor.admit(video("grok-imagine-video"), null, T0));
        assertNull(waiting.queue().slot());
        assertEquals(T0, waiting.queue().since());
        assertEquals(60, waiting.seconds());
        clock.advance(Duration.ofMinutes(26));

        var timedOut = assertInstanceOf(
                RateGovernor.Admission.TimedOut.class,
                governor.admit(video("grok-imagine-video"), waiting.queue(), clock.instant()));
        assertEquals(ErrorCode.JOB_QUEUE_TIMEOUT, timedOut.failure().code());
        assertTrue(
                timedOut.failure().message().contains("paused"),
                timedOut.failure().message());
    }

    @Test
    void aPausedModelStartsNobodyNotEvenAJobThatHoldsASlot() {
        RateGovernor governor = governor(Map.of("rate.video", "0"));

        var waiting = assertInstanceOf(
                RateGovernor.Admission.Wait.class,
                governor.admit(video("grok-imagine-video"), new StartQueue(T0, T0.plusSeconds(1)), T0));
        assertNull(waiting.queue().slot());
        assertEquals(60, waiting.seconds());
    }

    @Test
    void aQueueFullerThanTheFurthestSlotGivesNoSlotAndTheJobAsksAgain() {
        RateGovernor governor = governor(Map.of("rate.headroom", "1", "rate.max-ahead", "PT5S", "rate.settle", "PT0S"));
        for (int i = 0; i <= 5; i++) {
            governor.admit(video("grok-imagine-video"), null, T0);
        }

        var full = assertInstanceOf(
                RateGovernor.Admission.Wait.class, governor.admit(video("grok-imagine-video"), null, T0));
        assertNull(full.queue().slot());
    }

    @Test
    void a429HoldsTheModelsSlotsBackForItsRetryAfter() {
        RateGovernor governor = governor(Map.of("rate.headroom", "1", "rate.settle", "PT0S"));

        governor.throttled(video("grok-imagine-video"), 20, T0);

        var waiting = assertInstanceOf(
                RateGovernor.Admission.Wait.class, governor.admit(video("grok-imagine-video"), null, T0));
        assertEquals(T0.plusSeconds(20), waiting.queue().slot());
    }

    @Test
    void settingsThatCannotWorkAreNamedAtStartUp() {
        var bad = assertThrows(IllegalArgumentException.class, () -> governor(Map.of("rate.headroom", "1.5")));
        assertTrue(bad.getMessage().startsWith("imagine.job.rate.headroom"), bad.getMessage());
        var negative = assertThrows(
                IllegalArgumentException.class, () -> governor(Map.of("rate.models.\"grok-imagine-video\"", "-1")));
        assertTrue(negative.getMessage().contains("grok-imagine-video"), negative.getMessage());
    }

    @Test
    void submitAnswersQueuedWithoutCallingXaiAndStartsTheJobOnItsSlotWhenItComesBack() {
        InMemoryJobStore store = new InMemoryJobStore();
        FakeImagine xai = new FakeImagine();
        JobConfig config = TestConfig.jobs(Map.of("rate.headroom", "1", "rate.settle", "PT0S"));
        SubmitService submit = new SubmitService(
                store,
                xai,
                (object, field, isVideo) -> new MediaRef.FileId("file_x"),
                TestDeliveries.off(),
                new PollSchedule(config),
                governor(Map.of("rate.headroom", "1", "rate.settle", "PT0S")),
                config,
                TestConfig.metrics(),
                clock);
        // Four earlier jobs took the slots up to T0 + 3 s.
        for (int i = 0; i < 4; i++) {
            slots.take("grok-imagine-video", T0, Duration.ofSeconds(1), T0.plusSeconds(60));
        }
        IncomingJob job = new IncomingJob("j-1", "request", video("grok-imagine-video"));

        JobState queued = submit.submit(job);

        assertEquals(JobStatus.QUEUED, queued.status());
        assertEquals(new StartQueue(T0, T0.plusSeconds(4)), queued.queue());
        assertEquals(1, queued.nextPollSeconds());
        assertTrue(xai.started.isEmpty(), "xAI was not called");
        assertTrue(store.find("j-1").isEmpty(), "no claim is held while the job waits");

        clock.advance(Duration.ofSeconds(4));
        JobState started = submit.submit(job, queued.queue());

        assertEquals(JobStatus.PENDING, started.status());
        assertEquals(java.util.List.of("j-1"), xai.started);
    }

    @Test
    void a429AtTheStartQueuesTheJobBehindTheHoldInsteadOfFailing() {
        InMemoryJobStore store = new InMemoryJobStore();
        FakeImagine xai = new FakeImagine().failStart(new JobThrottled("xAI answered 429", 30, null));
        JobConfig config = TestConfig.defaults();
        SubmitService submit = new SubmitService(
                store,
                xai,
                (object, field, isVideo) -> new MediaRef.FileId("file_x"),
                TestDeliveries.off(),
                new PollSchedule(config),
                governor(Map.of("rate.settle", "PT0S")),
                config,
                TestConfig.metrics(),
                clock);

        JobState queued = submit.submit(new IncomingJob("j-1", "request", video("grok-imagine-video")));

        assertEquals(JobStatus.QUEUED, queued.status());
        assertTrue(!queued.queue().slot().isBefore(T0.plusSeconds(30)), "behind the hold: " + queued.queue());
        assertTrue(store.find("j-1").isEmpty(), "the claim was released: nothing was started");
    }
}
