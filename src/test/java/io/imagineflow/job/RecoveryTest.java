package io.imagineflow.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No paid result lost: a start whose answer was lost, or a submit that died after xAI may have taken the job, is
 * followed on in S3 when the job delivers there, and ends succeeded (cost unknown) when its outputs appear; only
 * at the deadline does it fail with the original error. Without delivery nothing changes.
 */
class RecoveryTest {

    private static final Instant T0 = TestJobs.T0;
    private static final DeliveryTarget TARGET = new DeliveryTarget("imagine-outputs", "outputs/");
    private static final byte[] MP4 = {0, 0, 0, 24, 'f', 't', 'y', 'p'};

    private final InMemoryJobStore store = new InMemoryJobStore();
    private final FakeImagine xai = new FakeImagine();
    private final InMemoryOutputStore bucket = new InMemoryOutputStore();
    private final TestClock clock = new TestClock(T0);
    private final JobConfig config = TestConfig.defaults();
    private final PollSchedule schedule = new PollSchedule(config);
    private final Deliveries deliveries = TestDeliveries.over(bucket, xai);
    private final SubmitService submit = new SubmitService(
            store,
            xai,
            (o, f, v) -> new MediaRef.FileId("file_x"),
            deliveries,
            schedule,
            TestConfig.noGovernor(),
            config,
            TestConfig.metrics(),
            clock);
    private final PollService poll = new PollService(
            xai, deliveries, schedule, store, new FakeWebhooks(), TestConfig.webhooks(), TestConfig.metrics(), clock);
    private final FinalizeService finalizer = new FinalizeService(
            store,
            new JobNews(store, new FakeCompletions(true), new FakeWebhooks(), TestConfig.metrics(), clock),
            deliveries,
            schedule,
            clock);

    private static IncomingJob video(String id, DeliveryTarget target) {
        return new IncomingJob(
                id,
                "request",
                new JobRequest(
                        Operation.TEXT_TO_VIDEO,
                        "grok-imagine-video",
                        "A fox",
                        null,
                        JobRequest.Options.NONE,
                        null,
                        Map.of(),
                        null,
                        null,
                        target));
    }

    private void loseTheAnswer() {
        xai.answerStart(new Imagine.Started.Ended(
                JobStatus.FAILED, JobFailure.of(ErrorCode.XAI_OUTCOME_UNKNOWN, "the answer was cut off"), null));
    }

    @Test
    void aLostAnswerIsRecoveredFromTheBucketWithItsCostUnknown() {
        loseTheAnswer();
        JobState waiting = submit.submit(video("job-1", TARGET));

        assertEquals(JobStatus.PENDING, waiting.status());
        assertEquals(Boolean.TRUE, waiting.recovered());
        assertNull(waiting.xaiRequestId());
        assertEquals(1, xai.uploadUrls.get("job-1").size(), "the upload URL went with the start");
        assertEquals(RecordStatus.RUNNING, store.find("job-1").orElseThrow().status());

        clock.advance(Duration.ofSeconds(waiting.nextPollSeconds()));
        JobState still = poll.poll(waiting);
        assertEquals(JobStatus.PENDING, still.status());
        assertEquals(ErrorCode.XAI_OUTCOME_UNKNOWN, still.error().code(), "why it is recovering stays");

        // xAI made the video after all and uploaded it to the URL it was given.
        bucket.upload("imagine-outputs", "outputs/job-1/0.mp4", MP4, "video/mp4");
        clock.advance(Duration.ofSeconds(still.nextPollSeconds()));
        JobState done = poll.poll(still);
        JobRecord record = finalizer.finish(done);

        assertEquals(RecordStatus.SUCCEEDED, record.status());
        assertEquals(Boolean.TRUE, record.recovered());
        assertEquals(Boolean.FALSE, record.costKnown());
        assertNull(record.cost());
        assertNull(record.error());
        assertEquals("outputs/job-1/0.mp4", record.outputs().get(0).s3().key());
        assertEquals(Arrival.XAI_UPLOAD, record.outputs().get(0).deliveredBy());
        assertEquals(List.of("job-1"), xai.started, "started once, never again");
    }

    @Test
    void aLostAnswerWhoseOutputNeverAppearsFailsAtTheDeadlineWithTheOldCode() {
        loseTheAnswer();
        JobState waiting = submit.submit(video("job-2", TARGET));

        clock.advance(config.poll().videoDeadline().plusSeconds(1));
        JobState ended = poll.poll(waiting);
        JobRecord record = finalizer.finish(ended);

        assertEquals(RecordStatus.FAILED, record.status());
        assertEquals(ErrorCode.XAI_OUTCOME_UNKNOWN, record.error().code());
        assertTrue(record.error().message().contains("no output appeared in s3://imagine-outputs/outputs/job-2/"));
        assertEquals(Boolean.FALSE, record.costKnown());
    }

    @Test
    void withoutDeliveryALostAnswerEndsTheJobAtOnce() {
        loseTheAnswer();
        JobState ended = submit.submit(video("job-3", null));

        assertEquals(JobStatus.FAILED, ended.status());
        assertEquals(ErrorCode.XAI_OUTCOME_UNKNOWN, ended.error().code());
        assertEquals(RecordStatus.FAILED, store.find("job-3").orElseThrow().status());
    }

    @Test
    void aSubmitKilledAfterItsClaimIsFollowedInTheBucketAndNotStartedAgain() {
        IncomingJob job = video("job-4", TARGET);
        store.claim(TestJobs.claim("job-4", job.request()), T0, T0.plusSeconds(90));
        // ...then the submit died, maybe after xAI took the job.
        JobFailure died = JobFailure.of(ErrorCode.SANDBOX_TIMEDOUT, "Task timed out after 90.00 seconds");

        JobState waiting = finalizer.recover(job.jobId(), died).orElseThrow();

        assertEquals(JobStatus.PENDING, waiting.status());
        assertEquals(Boolean.TRUE, waiting.recovered());
        assertEquals(ErrorCode.SANDBOX_TIMEDOUT, waiting.error().code());
        assertEquals(RecordStatus.RUNNING, store.find("job-4").orElseThrow().status());
        // A duplicate delivery of the same event, once the claim would have expired, starts nothing.
        clock.advance(Duration.ofMinutes(5));
        JobState duplicate = submit.submit(job);
        assertEquals(Boolean.TRUE, duplicate.duplicate());
        assertEquals(Boolean.TRUE, duplicate.recovered());
        assertEquals(1, duplicate.expectedOutputs());
        assertTrue(xai.started.isEmpty());

        bucket.upload("imagine-outputs", "outputs/job-4/0.mp4", MP4, "video/mp4");
        JobRecord record = finalizer.finish(poll.poll(waiting));
        assertEquals(RecordStatus.SUCCEEDED, record.status());
        assertEquals(Boolean.TRUE, record.recovered());
    }

    @Test
    void aSubmitKilledAfterTheRecordSaidRunningIsPolledAtXai() {
        IncomingJob job = video("job-5", TARGET);
        store.claim(TestJobs.claim("job-5", job.request()), T0, T0.plusSeconds(90));
        store.started(JobState.started("job-5", job.request(), "xai-77", T0, T0.plusSeconds(1800), 5, null));

        JobState followed = finalizer
                .recover(job.jobId(), JobFailure.of(ErrorCode.RUNTIME_EXIT_ERROR, "exited"))
                .orElseThrow();

        assertEquals("xai-77", followed.xaiRequestId());
        assertEquals(JobStatus.PENDING, followed.status());
        assertNull(followed.recovered());
    }

    @Test
    void nothingIsFollowedWithoutDeliveryWithoutAClaimOrForAnotherKindOfFailure() {
        IncomingJob delivering = video("job-6", TARGET);
        JobFailure died = JobFailure.of(ErrorCode.SANDBOX_TIMEDOUT, "timed out");

        assertTrue(finalizer.recover(delivering.jobId(), died).isEmpty(), "no claim: xAI was never called");

        store.claim(TestJobs.claim("job-6", delivering.request()), T0, T0.plusSeconds(90));
        assertTrue(finalizer
                .recover(delivering.jobId(), JobFailure.of(ErrorCode.JOB_INVALID, "bad"))
                .isEmpty());

        IncomingJob plain = video("job-7", null);
        store.claim(TestJobs.claim("job-7", plain.request()), T0, T0.plusSeconds(90));
        assertTrue(finalizer.recover(plain.jobId(), died).isEmpty());
    }

    @Test
    void aDoneJobWhoseOutputCannotBeDeliveredFailsKeepingWhatXaiMade() {
        JobState started = submit.submit(video("job-8", TARGET));
        JobOutput made = new JobOutput(
                "https://vidgen.x.ai/gone.mp4",
                "video/mp4",
                6,
                "file_1",
                "f.mp4",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        JobState done = started.ended(JobStatus.DONE, 100, List.of(made), new JobCost(5, null), null);

        JobRecord record = finalizer.finish(done);

        assertEquals(RecordStatus.FAILED, record.status());
        assertEquals(ErrorCode.DELIVERY_FAILED, record.error().code());
        assertEquals("file_1", record.outputs().get(0).fileId(), "the paid result is still named");
        assertEquals(5, record.cost().usdTicks());
    }

    @Test
    void aJobXaiForgotAfterUploadingItsOutputEndsWithTheOutputFromTheBucket() {
        JobState started = submit.submit(video("job-9", TARGET));
        bucket.upload("imagine-outputs", "outputs/job-9/0.mp4", MP4, "video/mp4");
        JobState expired = started.ended(
                JobStatus.EXPIRED, 80, null, null, JobFailure.of(ErrorCode.XAI_EXPIRED, "xAI no longer knows it"));

        JobRecord record = finalizer.finish(expired);

        assertEquals(RecordStatus.SUCCEEDED, record.status());
        assertEquals("outputs/job-9/0.mp4", record.outputs().get(0).s3().key());
        assertEquals(Boolean.TRUE, record.recovered());
        assertEquals(Boolean.FALSE, record.costKnown(), "xAI's answer, which carries the cost, never came");
    }

    @Test
    void aJobXaiForgotWithoutAnOutputStaysExpired() {
        JobState started = submit.submit(video("job-10", TARGET));
        JobState expired = started.ended(
                JobStatus.EXPIRED, 80, null, null, JobFailure.of(ErrorCode.XAI_EXPIRED, "xAI no longer knows it"));

        assertEquals(ErrorCode.XAI_EXPIRED, finalizer.finish(expired).error().code());
    }
}
