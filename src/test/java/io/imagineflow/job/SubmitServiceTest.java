package io.imagineflow.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Submit's rules over in-memory ports: a job is started at xAI once, however its event arrives and fails. */
class SubmitServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

    private final InMemoryJobStore store = new InMemoryJobStore();
    private final FakeImagine xai = new FakeImagine();
    private final TestClock clock = new TestClock(T0);
    private final JobConfig config = TestConfig.defaults();
    /** An S3 input becomes the xAI file named after its key, as if uploaded. */
    private static final InputUploads UPLOADS =
            (object, field, video) -> new MediaRef.FileId("file_" + object.key().replace('/', '_'));

    private final SubmitService submit = new SubmitService(
            store,
            xai,
            UPLOADS,
            TestDeliveries.off(),
            new PollSchedule(config),
            TestConfig.noGovernor(),
            config,
            TestConfig.metrics(),
            clock);

    private static IncomingJob job(String id, String prompt) {
        return new IncomingJob(
                id,
                "request",
                new JobRequest(
                        Operation.TEXT_TO_VIDEO,
                        "grok-imagine-video",
                        prompt,
                        null,
                        JobRequest.Options.NONE,
                        null,
                        Map.of("team", "ads"),
                        "u-1",
                        null,
                        null));
    }

    /** Another submit of the same job took the claim at T0, for the claim hold's 90 s. */
    private void claimedByAnotherSubmit() {
        store.claim(TestJobs.claim("j-1", job("j-1", "A fox").request()), T0, T0.plusSeconds(90));
    }

    @Test
    void aNewJobIsStartedOnceAndRecordedAsRunning() {
        JobState state = submit.submit(job("j-1", "A fox"));

        assertEquals(JobStatus.PENDING, state.status());
        assertEquals("xai-1", state.xaiRequestId());
        assertEquals(T0, state.submittedAt());
        assertEquals(T0.plus(config.poll().videoDeadline()), state.deadline());
        assertTrue(state.nextPollSeconds() >= 1);
        assertEquals(List.of("j-1"), xai.started);
        JobRecord record = store.find("j-1").orElseThrow();
        assertEquals(RecordStatus.RUNNING, record.status());
        assertEquals("xai-1", record.xaiRequestId());
        assertEquals(Hashes.prompt("A fox"), record.asked().promptHash());
        assertEquals(Map.of("team", "ads"), record.asked().tags());
    }

    @Test
    void aSecondDeliveryIsAnsweredFromTheRecordWithoutCallingXai() {
        submit.submit(job("j-1", "A fox"));

        JobState again = submit.submit(job("j-1", "A fox"));

        assertEquals(Boolean.TRUE, again.duplicate());
        assertEquals(JobStatus.PENDING, again.status());
        assertEquals("xai-1", again.xaiRequestId());
        assertEquals(1, xai.started.size());
    }

    @Test
    void aDeliveryOfAFinishedJobGetsItsOutcome() {
        JobState started = submit.submit(job("j-1", "A fox"));
        store.finish(JobRecord.finished(
                started.ended(
                        JobStatus.MODERATED,
                        null,
                        null,
                        new JobCost(5, null),
                        JobFailure.of(ErrorCode.XAI_MODERATED, "refused")),
                T0));

        JobState again = submit.submit(job("j-1", "A fox"));

        assertEquals(JobStatus.MODERATED, again.status());
        assertEquals(0, again.nextPollSeconds());
        assertEquals(ErrorCode.XAI_MODERATED, again.error().code());
        assertEquals(1, xai.started.size());
    }

    @Test
    void aLiveClaimOfAnotherSubmitIsWaitedForNotTakenOver() {
        claimedByAnotherSubmit();

        JobInProgress waiting = assertThrows(JobInProgress.class, () -> submit.submit(job("j-1", "A fox")));

        assertTrue(waiting.retryable());
        assertTrue(xai.started.isEmpty(), "no call to xAI");
    }

    @Test
    void theClaimOfASubmitThatCrashedIsTakenOverOnceItExpires() {
        claimedByAnotherSubmit();
        clock.advance(Duration.ofSeconds(91));

        JobState state = submit.submit(job("j-1", "A fox"));

        assertEquals(JobStatus.PENDING, state.status());
        assertEquals(List.of("j-1"), xai.started);
    }

    @Test
    void theSameIdWithAnotherRequestIsAConflict() {
        submit.submit(job("j-1", "A fox"));

        assertThrows(JobConflict.class, () -> submit.submit(job("j-1", "A wolf")));
        assertEquals(1, xai.started.size());
    }

    @Test
    void aThrottledStartReleasesTheClaimSoThatTheRetryStartsAfresh() {
        xai.failStart(new JobThrottled("xAI answered 429", 7, null));

        JobThrottled throttled = assertThrows(JobThrottled.class, () -> submit.submit(job("j-1", "A fox")));
        assertEquals(7, throttled.retryAfterSeconds());
        assertTrue(store.find("j-1").isEmpty(), "the claim was released");

        JobState retried = submit.submit(job("j-1", "A fox"));
        assertEquals(JobStatus.PENDING, retried.status());
        assertEquals(2, xai.started.size());
    }

    @Test
    void anUnreachableXaiReleasesTheClaimAndIsRetried() {
        xai.failStart(new JobUnavailable("xAI could not be reached", null));

        assertThrows(JobUnavailable.class, () -> submit.submit(job("j-1", "A fox")));
        assertTrue(store.find("j-1").isEmpty());
    }

    @Test
    void aRefusalAfterTheClaimEndsTheJobWithARecordAndIsNotRethrown() {
        xai.failStart(new JobInvalid("inputs.video.file_id", "xAI has no file file_gone"));

        JobState state = submit.submit(job("j-1", "A fox"));

        assertEquals(JobStatus.FAILED, state.status());
        assertEquals(ErrorCode.JOB_INVALID, state.error().code());
        JobRecord record = store.find("j-1").orElseThrow();
        assertEquals(RecordStatus.FAILED, record.status());
        assertEquals(
                "inputs.video.file_id: xAI has no file file_gone",
                record.error().message());
        assertEquals(T0, record.times().receivedAt(), "the claim's fields are kept");
    }

    @Test
    void aModerationAtTheStartIsRecordedWithItsCost() {
        xai.answerStart(new Imagine.Started.Ended(
                JobStatus.MODERATED,
                JobFailure.of(ErrorCode.XAI_MODERATED, "refused"),
                new JobCost(50_000_000L, null)));

        JobState state = submit.submit(job("j-1", "A fox"));

        assertEquals(JobStatus.MODERATED, state.status());
        JobRecord record = store.find("j-1").orElseThrow();
        assertEquals(JobStatus.MODERATED, record.outcome());
        assertEquals(50_000_000L, record.cost().usdTicks(), "moderation is billed, and the bill is recorded");
    }

    @Test
    void aLostAnswerToTheStartIsNeverSentAgain() {
        xai.answerStart(new Imagine.Started.Ended(
                JobStatus.FAILED, JobFailure.of(ErrorCode.XAI_OUTCOME_UNKNOWN, "the answer was lost"), null));

        submit.submit(job("j-1", "A fox"));
        JobState redelivered = submit.submit(job("j-1", "A fox"));

        assertEquals(ErrorCode.XAI_OUTCOME_UNKNOWN, redelivered.error().code());
        assertEquals(1, xai.started.size(), "paid at most once");
    }

    @Test
    void aStartedJobWhoseRecordCouldNotBeWrittenGoesOnWithItsState() {
        store.failNext("started");

        JobState state = submit.submit(job("j-1", "A fox"));

        assertEquals(JobStatus.PENDING, state.status());
        assertEquals("xai-1", state.xaiRequestId());
        assertEquals(
                RecordStatus.SUBMITTING,
                store.find("j-1").orElseThrow().status(),
                "the claim stays: a duplicate waits for it, and finalize's write accepts it");
        assertEquals(1, xai.started.size());
    }

    @Test
    void s3InputsReachXaiAsFileIds() {
        FakeImagine seen = new FakeImagine() {
            @Override
            public Started start(String jobId, JobRequest request, java.util.List<java.net.URI> uploadUrls) {
                assertEquals(
                        new MediaRef.FileId("file_clips_pier.mp4"),
                        request.inputs().video());
                return super.start(jobId, request, uploadUrls);
            }
        };
        SubmitService withUploads = new SubmitService(
                store,
                seen,
                UPLOADS,
                TestDeliveries.off(),
                new PollSchedule(config),
                TestConfig.noGovernor(),
                config,
                TestConfig.metrics(),
                clock);
        JobRequest edit = new JobRequest(
                Operation.VIDEO_EDIT,
                "grok-imagine-video",
                "Make it night",
                new JobRequest.Inputs(null, null, null, new MediaRef.S3Object("in", "clips/pier.mp4", null)),
                JobRequest.Options.NONE,
                null,
                Map.of(),
                null,
                null,
                null);

        withUploads.submit(new IncomingJob("j-2", "s3", edit));

        assertEquals(List.of("j-2"), seen.started);
        assertNull(store.find("j-2").orElseThrow().error());
    }
}
