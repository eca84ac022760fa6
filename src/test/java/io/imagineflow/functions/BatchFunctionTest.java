package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.JobCost;
import io.imagineflow.job.JobFailure;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobState;
import io.imagineflow.job.JobStatus;
import io.imagineflow.job.JobStore;
import io.imagineflow.job.Operation;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsJsonStub;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code batch}: Open checks a manifest and opens a run (once while it runs), Close reads every line's job record
 * into the results manifest in line order, completes the batch record and sends the completion event.
 */
@QuarkusTest
@TestProfile(Profiles.Batch.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class BatchFunctionTest {

    private static final String BUCKET = "imagine-inputs";

    private final AwsJsonStub aws = AwsStubsResource.json();

    @Inject
    JobStore jobs;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void clean() {
        DynamoDbLocalResource.clear();
        aws.clear();
    }

    private static void manifest(String key, String text) {
        AwsStubsResource.s3().put(BUCKET, key, text.getBytes(StandardCharsets.UTF_8), "application/x-ndjson", Map.of());
    }

    private static String lines(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            text.append("{\"operation\":\"image_generate\",\"prompt\":\"Line ")
                    .append(i)
                    .append("\"}\n");
        }
        return text.toString();
    }

    /** The record of line {@code line}'s job as its execution would leave it: succeeded at a cost, or failed. */
    private void finished(String batchId, int line, boolean succeeded, Instant at) {
        String jobId = batchId + "-" + line;
        JobRequest request = new JobRequest(
                Operation.IMAGE_GENERATE,
                "grok-imagine-image",
                "Line " + line,
                null,
                JobRequest.Options.NONE,
                null,
                Map.of(),
                null,
                null,
                null);
        jobs.claim(
                new JobStore.NewJob(
                        jobId,
                        "h-" + line,
                        request.operation(),
                        request.model(),
                        null,
                        "batch",
                        null,
                        Map.of(),
                        at,
                        null,
                        null,
                        null),
                at,
                at.plusSeconds(90));
        JobState ended = succeeded
                ? JobState.started(jobId, request, "xai-" + line, at, at.plusSeconds(600), 5, null)
                        .ended(
                                JobStatus.DONE,
                                100,
                                List.of(),
                                new JobCost(200000000, new java.math.BigDecimal("0.02")),
                                null)
                : JobState.endedAtStart(
                        jobId, request, JobStatus.FAILED, JobFailure.of(ErrorCode.JOB_INVALID, "options.n: bad"), null);
        jobs.finish(JobRecord.finished(ended, at.plusSeconds(line)));
    }

    @Test
    void openChecksTheManifestAndOpensOneRunWhileItRuns() {
        manifest("batches/three.jsonl", lines(3));
        String trigger = "{\"manifest\":\"s3://imagine-inputs/batches/three.jsonl\",\"id\":\"open-test\"}";

        JsonPath opened = Lambda.ok(trigger);
        JsonPath again = Lambda.ok(trigger);

        assertEquals("open-test", opened.getString("batchId"));
        assertEquals(1, opened.getInt("run"));
        assertEquals(3, opened.getInt("lines"));
        assertEquals(Map.of("bucket", BUCKET, "key", "batches/three.jsonl"), opened.getMap("manifest"));
        assertFalse(opened.getBoolean("duplicate"));
        assertTrue(again.getBoolean("duplicate"), "a repeated trigger of a running batch starts nothing");
        assertEquals(1, again.getInt("run"));
    }

    @Test
    void anS3TriggerNamesTheBatchByTheManifestsLocationAndVersion() {
        manifest("batches/s3.jsonl", lines(2));
        String event = "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\","
                + "\"detail\":{\"bucket\":{\"name\":\"imagine-inputs\"},\"object\":{\"key\":\"batches/s3.jsonl\"}}}";

        JsonPath first = Lambda.ok(event);
        JsonPath second = Lambda.ok(event.replace("e-1", "e-2"));

        assertTrue(first.getString("batchId").matches("b-[0-9a-f]{24}"), first.getString("batchId"));
        assertEquals(first.getString("batchId"), second.getString("batchId"), "another delivery, the same batch");
        assertTrue(second.getBoolean("duplicate"));
    }

    @Test
    void aManifestThatBreaksARuleIsRefusedWithItsLineAndNothingOpens() {
        manifest("batches/bad.jsonl", "{\"operation\":\"image_generate\",\"prompt\":\"a\"}\nnot json\n");
        manifest("batches/blank.jsonl", "{\"operation\":\"image_generate\",\"prompt\":\"a\"}\n\n{\"prompt\":\"b\"}\n");
        manifest("batches/big.jsonl", lines(10001));

        JsonPath notJson = Lambda.error("{\"manifest\":\"s3://imagine-inputs/batches/bad.jsonl\"}");
        JsonPath blank = Lambda.error("{\"manifest\":\"s3://imagine-inputs/batches/blank.jsonl\"}");
        JsonPath big = Lambda.error("{\"manifest\":\"s3://imagine-inputs/batches/big.jsonl\"}");
        JsonPath missing = Lambda.error("{\"manifest\":\"s3://imagine-inputs/batches/none.jsonl\"}");
        JsonPath badId = Lambda.error("{\"manifest\":\"s3://imagine-inputs/batches/bad.jsonl\",\"id\":\"a b\"}");

        assertEquals("io.imagineflow.job.JobInvalid", notJson.getString("errorType"));
        assertTrue(notJson.getString("errorMessage").contains("manifest line 2: is not JSON"), notJson.prettify());
        assertTrue(blank.getString("errorMessage").contains("manifest line 2: is blank"), blank.prettify());
        assertTrue(big.getString("errorMessage").contains("more than 10000 lines"), big.prettify());
        assertTrue(missing.getString("errorMessage").contains("does not exist"), missing.prettify());
        assertTrue(badId.getString("errorMessage").startsWith("id: must be 1 to 60"), badId.prettify());
        assertTrue(DynamoDbLocalResource.items().isEmpty() && batchItems() == 0, "nothing opened");
    }

    @Test
    void closeWritesEveryLinesRecordInLineOrderTheBatchRecordAndItsEvent() throws Exception {
        manifest("batches/four.jsonl", lines(4));
        JsonPath opened = Lambda.ok("{\"manifest\":\"s3://imagine-inputs/batches/four.jsonl\",\"id\":\"close-test\"}");
        Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
        finished("close-test", 2, false, t0);
        finished("close-test", 1, true, t0);
        finished("close-test", 4, true, t0);

        JsonPath record = Lambda.ok("{\"close\":{\"batchId\":\"close-test\",\"run\":" + opened.getInt("run") + "}}");

        assertEquals("completed", record.getString("status"));
        assertEquals(Map.of("succeeded", 2, "failed", 1, "missing", 1), record.getMap("counts"));
        assertEquals(400000000L, record.getLong("cost.usdTicks"));
        assertEquals("2026-11-29T10:00:01Z", record.getString("firstFinishedAt"));
        assertEquals("2026-11-29T10:00:04Z", record.getString("lastFinishedAt"));
        assertEquals("s3://imagine-inputs/batch-results/close-test.jsonl", record.getString("results"));
        String results = new String(
                AwsStubsResource.s3()
                        .get(BUCKET, "batch-results/close-test.jsonl")
                        .orElseThrow(),
                StandardCharsets.UTF_8);
        List<JsonNode> lines = results.lines().map(this::read).toList();
        assertEquals(
                List.of("close-test-1", "close-test-2", "close-test-3", "close-test-4"),
                lines.stream().map(l -> l.get("jobId").asText()).toList());
        assertEquals(
                List.of("succeeded", "failed", "missing", "succeeded"),
                lines.stream().map(l -> l.get("status").asText()).toList());
        AwsJsonStub.Event event = aws.events().get(aws.events().size() - 1);
        assertEquals("Imagine Batch Completed", event.detailType());
        assertEquals("close-test", event.detail().get("batchId").asText());

        // Closed, the batch runs again on a new start: run 2.
        JsonPath rerun = Lambda.ok("{\"manifest\":\"s3://imagine-inputs/batches/four.jsonl\",\"id\":\"close-test\"}");
        assertFalse(rerun.getBoolean("duplicate"));
        assertEquals(2, rerun.getInt("run"));
    }

    private JsonNode read(String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    private static long batchItems() {
        return DynamoDbLocalResource.allItems().stream()
                .filter(item -> item.get("id").s().startsWith("batch#"))
                .count();
    }
}
