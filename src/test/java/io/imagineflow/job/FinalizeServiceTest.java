package io.imagineflow.job;

import io.imagineflow.ops.EmfFormat;
import io.imagineflow.ops.Metrics;
import io.imagineflow.ops.RecordedMetrics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Finalize's rules over in-memory ports: one final record, one announcement, and a caught failure recorded. */
class FinalizeServiceTest {

    private static final Instant T0 = TestJobs.T0;

    private final InMemoryJobStore store = new InMemoryJobStore();
    private final FakeCompletions completions = new FakeCompletions(true);
    private final TestClock clock = new TestClock(T0);
    private final FakeWebhooks webhooks = new FakeWebhooks();
    private final RecordedMetrics metrics = new RecordedMetrics();
    private final FinalizeService finalizer = new FinalizeService(
            store,
            new JobNews(store, completions, webhooks, new JobMetrics(new Metrics(metrics, "finalize")), clock),
            TestDeliveries.off(),
            new PollSchedule(TestConfig.defaults()),
            clock);

    private JobState running() {
        JobRequest request = TestJobs.request(Operation.IMAGE_GENERATE, "A fox");
        store.claim(TestJobs.claim("j-1", request), T0, T0.plusSeconds(90));
        JobState state = TestJobs.started("j-1", request);
        store.started(state);
        return state;
    }

    @Test
    void aDoneJobIsRecordedAsSucceededAndAnnouncedOnce() {
        JobState done = running().ended(JobStatus.DONE, 100, List.of(), new JobCost(7, null), null);

        JobRecord record = finalizer.finish(done);
        clock.advance(java.time.Duration.ofSeconds(3)); // a retried finalize runs later
        JobRecord again = finalizer.finish(done);

        assertEquals(RecordStatus.SUCCEEDED, record.status());
        assertEquals("sqs", record.asked().source(), "the claim's fields are kept");
        assertEquals(T0, record.announcedAt());
        assertEquals(record, again);
        assertEquals(1, completions.announced.size());
        assertEquals(1, metrics.withMetric("JobsSucceeded").size(), "the job's end is counted once");
        assertEquals(1, metrics.withMetric("PollsPerJob").size());
        metrics.lines().forEach(line -> assertEquals(List.of(), EmfFormat.problems(line), line));
    }

    @Test
    void aFailedJobIsCountedByItsErrorCode() {
        JobState moderated = running()
                .ended(
                        JobStatus.MODERATED,
                        80,
                        null,
                        new JobCost(5_000_000_000L, new java.math.BigDecimal("0.5")),
                        null);

        finalizer.finish(moderated);
        finalizer.fail("j-9", null, JobFailure.of(ErrorCode.XAI_FAILED, "xAI broke"));

        assertEquals(1, metrics.withMetric("JobsModerated").size());
        assertEquals(0.5, metrics.withMetric("CostUsd").get(0).path("CostUsd").asDouble());
        var failed = metrics.withMetric("JobsFailed").get(0);
        assertEquals("XaiFailed", failed.path("ErrorCode").asText());
        assertEquals("j-9", failed.path("jobId").asText());
        metrics.lines().forEach(line -> assertEquals(List.of(), EmfFormat.problems(line), line));
    }

    @Test
    void anAnnouncementThatFailedIsSentByTheRetry() {
        JobState done = running().ended(JobStatus.DONE, 100, List.of(), null, null);
        completions.failNext();

        assertThrows(JobUnavailable.class, () -> finalizer.finish(done));
        assertEquals(RecordStatus.SUCCEEDED, store.find("j-1").orElseThrow().status());
        assertNull(store.find("j-1").orElseThrow().announcedAt());

        JobRecord retried = finalizer.finish(done);
        assertEquals(T0, retried.announcedAt());
        assertEquals(1, completions.announced.size());
    }

    @Test
    void aPendingStateIsRefused() {
        assertThrows(JobInvalid.class, () -> finalizer.finish(running()));
    }

    @Test
    void aCaughtFailureKeepsWhatTheJobHadAndSaysWhy() {
        JobState moderatedCost = running().ended(JobStatus.PENDING, 40, null, new JobCost(3, null), null);

        JobRecord record = finalizer.fail("j-1", moderatedCost, JobFailure.of(ErrorCode.STATES_TIMEOUT, "too slow"));

        assertEquals(RecordStatus.FAILED, record.status());
        assertEquals(ErrorCode.STATES_TIMEOUT, record.error().code());
        assertEquals(3, record.cost().usdTicks());
        assertEquals("xai-j-1", record.xaiRequestId());
    }

    @Test
    void aRefusedEventIsRecordedByItsIdAlone() {
        JobRecord record = finalizer.fail("req-1", null, JobFailure.of(ErrorCode.JOB_INVALID, "prompt: is required"));

        assertEquals(RecordStatus.FAILED, store.find("req-1").orElseThrow().status());
        assertEquals("prompt: is required", record.error().message());
    }

    @Test
    void aDeliveryThatGaveUpOnAJobHeldByAnotherLeavesItsRecordAlone() {
        store.claim(TestJobs.claim("j-1", TestJobs.request(Operation.IMAGE_GENERATE, "A fox")), T0, T0.plusSeconds(90));

        for (ErrorCode code : List.of(ErrorCode.JOB_IN_PROGRESS, ErrorCode.JOB_CONFLICT)) {
            JobRecord answer = finalizer.fail("j-1", null, JobFailure.of(code, "held by another"));

            assertEquals(code, answer.error().code());
            assertEquals(
                    RecordStatus.SUBMITTING, store.find("j-1").orElseThrow().status());
        }
        assertEquals(0, completions.announced.size());
    }

    @Test
    void withoutCompletionEventsARecordIsNeverMarkedAnnounced() {
        FinalizeService quiet = new FinalizeService(
                store,
                new JobNews(store, new FakeCompletions(false), webhooks, TestConfig.metrics(), clock),
                TestDeliveries.off(),
                new PollSchedule(TestConfig.defaults()),
                clock);

        JobRecord record = quiet.finish(running().ended(JobStatus.DONE, 100, List.of(), null, null));

        assertNull(record.announcedAt());
    }

    @Test
    void aJobThatAskedForAWebhookHasItsCompletedDeliveryQueuedOnceAfterItsRecord() {
        JobRequest request = TestJobs.withWebhook(
                Operation.IMAGE_GENERATE,
                null,
                new WebhookSpec(java.net.URI.create("https://hooks.example.com/"), null));
        store.claim(TestJobs.claim("j-2", request), T0, T0.plusSeconds(90));
        JobState state = TestJobs.started("j-2", request);
        store.started(state);
        JobState done = state.ended(JobStatus.DONE, 100, java.util.List.of(), null, null);

        finalizer.finish(done);
        finalizer.finish(done);

        assertEquals(java.util.List.of("j-2-completed"), webhooks.queued);
    }

    @Test
    void aSubmitThatFailedBeforeItsClaimStillTellsTheWebhookItsEventAskedFor() {
        WebhookSpec webhook = new WebhookSpec(java.net.URI.create("https://hooks.example.com/"), null);
        JobRequest asked = TestJobs.withWebhook(Operation.IMAGE_GENERATE, "u-3", webhook);

        JobRecord record = finalizer.fail(
                "j-3", null, JobFailure.of(ErrorCode.RUNTIME_EXIT_ERROR, "the submit process exited"), asked);

        assertEquals(webhook, record.asked().webhook());
        assertEquals("u-3", record.asked().user());
        assertEquals(java.util.List.of("j-3-completed"), webhooks.queued);
    }
}
