package io.imagineflow.job;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of {@link JobStore}, written once and run on every implementation: the DynamoDB one
 * ({@code DynamoJobStoreTest}) and the in-memory one the plain service tests use ({@code InMemoryJobStoreTest}),
 * so that a fake cannot say what DynamoDB does not.
 */
public abstract class JobStoreContract {

    protected static final Instant T0 = TestJobs.T0;

    /** A store with no records, for each test. */
    protected abstract JobStore store();

    private static JobStore.NewJob job(String id, String hash) {
        JobStore.NewJob claim = TestJobs.claim(id, TestJobs.request(Operation.IMAGE_GENERATE, "A fox"));
        return new JobStore.NewJob(
                id,
                hash,
                claim.operation(),
                claim.model(),
                claim.promptHash(),
                claim.source(),
                claim.user(),
                claim.tags(),
                claim.receivedAt(),
                claim.deliverTo(),
                claim.expectedOutputs(),
                claim.webhook());
    }

    private static JobState started(String id) {
        return TestJobs.started(id, TestJobs.request(Operation.IMAGE_GENERATE, "A fox"));
    }

    @Test
    void aNewIdIsClaimedWithWhatWasAsked() {
        JobStore store = store();

        assertInstanceOf(JobStore.Claim.Taken.class, store.claim(job("c-1", "h"), T0, T0.plusSeconds(90)));
        JobRecord claimed = store.find("c-1").orElseThrow();
        assertEquals(RecordStatus.SUBMITTING, claimed.status());
        assertEquals("h", claimed.asked().requestHash());
        assertEquals(T0, claimed.times().receivedAt());
        assertEquals(Map.of("team", "ads"), claimed.asked().tags());
    }

    @Test
    void aRecoveredJobKeepsItsTargetWhetherItWasRecoveredAndThatItsCostIsUnknown() {
        JobStore store = store();
        DeliveryTarget target = new DeliveryTarget("imagine-outputs", "outputs/");
        JobRequest request = TestJobs.request(Operation.TEXT_TO_VIDEO, "A fox");
        request = new JobRequest(
                request.operation(), request.model(), request.prompt(), null, null, null, null, null, null, target);
        store.claim(TestJobs.claim("c-9", request), T0, T0.plusSeconds(90));
        JobState recovering = JobState.recovering(
                "c-9",
                request,
                JobFailure.of(ErrorCode.XAI_OUTCOME_UNKNOWN, "lost"),
                T0,
                T0.plusSeconds(1800),
                5,
                null);
        store.started(recovering);

        JobRecord running = store.find("c-9").orElseThrow();
        assertEquals(RecordStatus.RUNNING, running.status());
        assertEquals(Boolean.TRUE, running.recovered());
        assertEquals(target, running.asked().deliverTo());
        assertEquals(1, running.asked().expectedOutputs(), "what a killed submit's recovery needs");
        assertEquals(null, running.xaiRequestId());

        S3Location there = new S3Location("imagine-outputs", "outputs/c-9/0.mp4", null, "\"e\"", 9, "video/mp4");
        JobRecord done = store.finish(
                JobRecord.finished(recovering.recoveredWith(List.of(JobOutput.found(there))), T0.plusSeconds(60)));

        assertEquals(RecordStatus.SUCCEEDED, done.status());
        assertEquals(Boolean.TRUE, done.recovered());
        assertEquals(Boolean.FALSE, done.costKnown());
        assertEquals(there, done.outputs().get(0).s3());
        assertEquals(Arrival.XAI_UPLOAD, done.outputs().get(0).deliveredBy());
        assertEquals(done, store.find("c-9").orElseThrow());
    }

    @Test
    void aLiveClaimIsNotTakenTwice() {
        JobStore store = store();
        store.claim(job("c-1", "h"), T0, T0.plusSeconds(90));

        assertThrows(JobInProgress.class, () -> store.claim(job("c-1", "h"), T0.plusSeconds(10), T0.plusSeconds(100)));
    }

    @Test
    void anExpiredClaimOfTheSameRequestIsTakenOver() {
        JobStore store = store();
        store.claim(job("c-1", "h"), T0, T0.plusSeconds(90));

        assertInstanceOf(
                JobStore.Claim.Taken.class, store.claim(job("c-1", "h"), T0.plusSeconds(91), T0.plusSeconds(181)));
    }

    @Test
    void anotherRequestUnderTheSameIdIsAConflictEvenOnceTheClaimExpired() {
        JobStore store = store();
        store.claim(job("c-1", "h"), T0, T0.plusSeconds(90));

        assertThrows(
                JobConflict.class, () -> store.claim(job("c-1", "other"), T0.plusSeconds(91), T0.plusSeconds(181)));
    }

    @Test
    void aStartedJobIsFoundRunningByTheNextDelivery() {
        JobStore store = store();
        store.claim(job("c-1", "h"), T0, T0.plusSeconds(90));
        store.started(started("c-1"));

        JobStore.Claim again = store.claim(job("c-1", "h"), T0.plusSeconds(2), T0.plusSeconds(92));

        JobRecord record =
                assertInstanceOf(JobStore.Claim.Existing.class, again).record();
        assertEquals(RecordStatus.RUNNING, record.status());
        assertEquals("xai-c-1", record.xaiRequestId());
        assertEquals(T0.plusSeconds(600), record.times().deadline());
    }

    @Test
    void aReleasedClaimLeavesNothing() {
        JobStore store = store();
        store.claim(job("c-1", "h"), T0, T0.plusSeconds(90));

        store.release("c-1");

        assertTrue(store.find("c-1").isEmpty());
    }

    @Test
    void aStartedJobIsNotReleased() {
        JobStore store = store();
        store.claim(job("c-1", "h"), T0, T0.plusSeconds(90));
        store.started(started("c-1"));

        store.release("c-1");

        assertEquals(RecordStatus.RUNNING, store.find("c-1").orElseThrow().status());
    }

    @Test
    void theFinalRecordIsWrittenOnceAndKeepsWhatTheClaimKnew() {
        JobStore store = store();
        store.claim(job("c-1", "h"), T0, T0.plusSeconds(90));
        store.started(started("c-1"));
        JobState done = started("c-1").ended(JobStatus.DONE, 100, List.of(), new JobCost(7, null), null);

        JobRecord first = store.finish(JobRecord.finished(done, T0.plusSeconds(30)));
        JobRecord second = store.finish(JobRecord.finished(
                started("c-1").ended(JobStatus.FAILED, null, null, null, JobFailure.of(ErrorCode.JOB_INTERNAL, "late")),
                T0.plusSeconds(40)));

        assertEquals(RecordStatus.SUCCEEDED, first.status());
        assertEquals("sqs", first.asked().source());
        assertEquals("h", first.asked().requestHash());
        assertEquals(T0, first.times().receivedAt());
        assertEquals(T0.plusSeconds(30), first.times().finishedAt());
        assertEquals(first, second, "a final record never changes");
        assertNull(first.error());
    }

    @Test
    void aFailureWithoutAClaimIsRecordedByItsId() {
        JobStore store = store();

        JobRecord record = store.finish(JobRecord.finished(
                JobState.failedWithoutState("c-9", JobFailure.of(ErrorCode.JOB_INVALID, "prompt: is required")), T0));

        assertEquals(RecordStatus.FAILED, store.find("c-9").orElseThrow().status());
        assertEquals(ErrorCode.JOB_INVALID, record.error().code());
    }

    @Test
    void anAnnouncementIsMarked() {
        JobStore store = store();
        store.finish(
                JobRecord.finished(JobState.failedWithoutState("c-1", JobFailure.of(ErrorCode.JOB_INVALID, "x")), T0));

        assertEquals(
                T0.plusSeconds(5), store.announced("c-1", T0.plusSeconds(5)).announcedAt());
    }

    private static final JobFailure CANCELLED = JobFailure.of(ErrorCode.JOB_CANCELLED, "cancelled by its owner");

    @Test
    void progressIsWrittenOnlyWhileTheJobRuns() {
        JobStore store = store();
        store.claim(job("c-p", "h"), T0, T0.plusSeconds(90));
        assertTrue(store.progressed("c-p", 10, 1, T0.plusSeconds(60)).isEmpty(), "not yet running");
        store.started(started("c-p"));

        JobRecord record = store.progressed("c-p", 55, 4, T0.plusSeconds(70)).orElseThrow();

        assertEquals(55, record.progress());
        assertEquals(4, record.polls());
        assertEquals(T0.plusSeconds(70), record.estimatedCompletionAt());
        store.finish(JobRecord.finished(started("c-p").ended(JobStatus.DONE, 100, List.of(), null, null), T0));
        assertTrue(store.progressed("c-p", 99, 9, T0).isEmpty(), "an ended job keeps its final record");
        assertEquals(100, store.find("c-p").orElseThrow().progress());
    }

    @Test
    void aCancelOfARunningJobSaysXaiBillsItAndIsFinal() {
        JobStore store = store();
        store.claim(job("c-c", "h"), T0, T0.plusSeconds(90));
        store.started(started("c-c"));
        assertEquals(T0, store.cancelRequested("c-c", T0).orElseThrow().cancel().requestedAt());

        JobRecord cancelled = store.cancel("c-c", T0.plusSeconds(1), CANCELLED, null);

        assertEquals(RecordStatus.CANCELLED, cancelled.status());
        assertEquals(JobStatus.CANCELLED, cancelled.outcome());
        assertEquals(Boolean.TRUE, cancelled.cancel().xaiAccepted());
        assertEquals(ErrorCode.JOB_CANCELLED, cancelled.error().code());
        JobRecord late =
                store.finish(JobRecord.finished(started("c-c").ended(JobStatus.DONE, 100, List.of(), null, null), T0));
        assertEquals(RecordStatus.CANCELLED, late.status(), "a finalize that comes after the cancel changes nothing");
        assertEquals(
                cancelled.times().finishedAt(),
                store.cancel("c-c", T0.plusSeconds(9), CANCELLED, null).times().finishedAt());
    }

    @Test
    void aCancelThatComesAfterTheEndLeavesTheRecord() {
        JobStore store = store();
        store.claim(job("c-e", "h"), T0, T0.plusSeconds(90));
        store.started(started("c-e"));
        JobRecord done =
                store.finish(JobRecord.finished(started("c-e").ended(JobStatus.DONE, 100, List.of(), null, null), T0));

        assertTrue(store.cancelRequested("c-e", T0).isEmpty());
        JobRecord after = store.cancel("c-e", T0.plusSeconds(1), CANCELLED, null);

        assertEquals(RecordStatus.SUCCEEDED, after.status());
        assertEquals(done.times().finishedAt(), after.times().finishedAt());
        assertEquals(null, after.cancel());
    }

    @Test
    void aSubmitThatReachesXaiAfterTheCancelTellsTheRecordThatXaiBillsIt() {
        JobStore store = store();
        store.claim(job("c-s", "h"), T0, T0.plusSeconds(90));
        JobRecord cancelled = store.cancel("c-s", T0, CANCELLED, null);
        assertEquals(Boolean.FALSE, cancelled.cancel().xaiAccepted());

        store.started(started("c-s"));

        JobRecord after = store.find("c-s").orElseThrow();
        assertEquals(RecordStatus.CANCELLED, after.status());
        assertEquals("xai-c-s", after.xaiRequestId());
        assertEquals(Boolean.TRUE, after.cancel().xaiAccepted());
    }

    @Test
    void aJobCancelledBeforeItsClaimHasARecordThatNoClaimTakesOver() {
        JobStore store = store();
        WebhookSpec webhook = new WebhookSpec(java.net.URI.create("https://hooks.example.com/"), null);
        JobRequest asked = TestJobs.withWebhook(Operation.IMAGE_GENERATE, "u-7", webhook);
        JobRecord cancelled = store.cancel("c-n", T0, CANCELLED, asked);
        assertEquals(RecordStatus.CANCELLED, cancelled.status());
        assertEquals(webhook, cancelled.asked().webhook(), "the event's webhook is told of the cancel");
        assertEquals(Operation.IMAGE_GENERATE, cancelled.asked().operation());
        assertEquals("u-7", cancelled.asked().user());

        JobStore.Claim claim = store.claim(job("c-n", "h"), T0.plusSeconds(1), T0.plusSeconds(90));

        assertInstanceOf(JobStore.Claim.Existing.class, claim);
        assertEquals(
                RecordStatus.CANCELLED,
                ((JobStore.Claim.Existing) claim).record().status());
    }
}
