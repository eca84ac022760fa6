package io.imagineflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.job.DeliveryTarget;
import io.imagineflow.job.JobCost;
import io.imagineflow.job.JobOutput;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobState;
import io.imagineflow.job.JobStatus;
import io.imagineflow.job.JobStore;
import io.imagineflow.job.Operation;
import io.imagineflow.job.S3Location;
import io.imagineflow.job.WebhookSpec;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsJsonStub;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.CapturedMetricLines;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.imagineflow.testing.StoredJobs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the job API through the api function, against DynamoDB Local, S3Proxy and the Step Functions
 * stub, each request and answer checked against infra/api/openapi.yaml.
 */
@QuarkusTest
@TestProfile(Profiles.Api.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class JobApiTest {

    private static final ApiContract CONTRACT = new ApiContract();

    private final AwsJsonStub aws = AwsStubsResource.json();

    @Inject
    JobStore store;

    @Inject
    io.imagineflow.batch.BatchStore batches;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void clean() {
        aws.clear();
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** An HTTP API (payload 2.0) event as API Gateway sends it for this route. */
    private ObjectNode event(String method, String template, String id, Map<String, String> query, String body) {
        String path = id == null ? template : template.replace("{id}", id);
        ObjectNode event = json.createObjectNode()
                .put("version", "2.0")
                .put("routeKey", method + " " + template)
                .put("rawPath", path);
        event.putObject("headers").put("content-type", "application/json");
        event.putObject("requestContext")
                .put("requestId", UUID.randomUUID().toString())
                .putObject("http")
                .put("method", method)
                .put("path", path);
        if (id != null) {
            event.putObject("pathParameters").put("id", id);
        }
        if (query != null && !query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        if (body != null) {
            event.put("body", body).put("isBase64Encoded", false);
        }
        return event;
    }

    /** Calls the api function; checks the request and the answer against the document; returns the answer. */
    private JsonNode call(String method, String template, String id, Map<String, String> query, String body)
            throws Exception {
        CONTRACT.assertRequest(
                template,
                method,
                query == null ? null : json.valueToTree(query),
                id,
                body == null ? null : json.readTree(body));
        JsonNode answer = json.readTree(
                Lambda.ok(event(method, template, id, query, body).toString()).prettify());
        CONTRACT.assertAnswer(template, method, answer);
        return answer;
    }

    private JsonNode body(JsonNode answer) throws Exception {
        return json.readTree(answer.get("body").asText());
    }

    private static JobRequest request(Operation operation, String user, Map<String, String> tags, WebhookSpec webhook) {
        return new JobRequest(
                operation,
                operation.video() ? "grok-imagine-video" : "grok-imagine-image",
                "A lighthouse at dusk",
                null,
                null,
                null,
                tags,
                user,
                null,
                new DeliveryTarget(AwsStubsResource.OUTPUT_BUCKET, "outputs/"),
                webhook);
    }

    private JobState running(String id, JobRequest request, Instant at) {
        return StoredJobs.running(store, id, request, at);
    }

    private static String newId(String prefix) {
        return StoredJobs.newId(prefix);
    }

    // --- GET /jobs/{id} ---------------------------------------------------------------------------------------

    @Test
    void aRunningJobShowsItsProgressAndEstimateAndNeverItsPrompt() throws Exception {
        String id = newId("get");
        Instant at = Instant.now().minusSeconds(30);
        JobState state = running(id, request(Operation.TEXT_TO_VIDEO, "u-1", Map.of("team", "ads"), null), at);
        store.progressed(id, 40, 3, at.plusSeconds(75));

        JsonNode answer = call("GET", "/jobs/{id}", id, null, null);

        assertEquals(200, answer.get("statusCode").asInt());
        JsonNode job = body(answer);
        assertEquals("running", job.get("status").asText());
        assertEquals(40, job.get("progress").asInt());
        assertEquals(3, job.get("polls").asInt());
        assertEquals(
                at.plusSeconds(75).toString(), job.get("estimatedCompletionAt").asText());
        assertEquals(state.xaiRequestId(), job.get("xaiRequestId").asText());
        assertFalse(job.get("cancelRequested").asBoolean());
        String text = job.toString();
        assertFalse(text.contains("lighthouse"), "the prompt is never stored, so never shown: " + text);
        assertFalse(job.has("promptHash") || job.has("requestHash"), text);
    }

    @Test
    void aDeliveredOutputComesWithAShortLivedDownloadUrlThatWorks() throws Exception {
        String id = newId("done");
        Instant at = Instant.now().minusSeconds(20);
        JobRequest request = request(Operation.IMAGE_GENERATE, null, Map.of(), null);
        JobState state = running(id, request, at);
        byte[] bytes = "a delivered image".getBytes();
        String key = "outputs/" + id + "/0.png";
        AwsStubsResource.s3().put(AwsStubsResource.OUTPUT_BUCKET, key, bytes, "image/png", Map.of());
        S3Location s3 = new S3Location(AwsStubsResource.OUTPUT_BUCKET, key, null, null, bytes.length, "image/png");
        JobOutput output = new JobOutput(
                "https://imgen.x.ai/1.png", "image/png", null, null, null, null, null, null, null, null, s3, null);
        store.finish(JobRecord.finished(
                state.ended(
                        JobStatus.DONE, 100, List.of(output), new JobCost(200_000_000L, new BigDecimal("0.02")), null),
                Instant.now()));

        JsonNode job = body(call("GET", "/jobs/{id}", id, null, null));

        assertEquals("succeeded", job.get("status").asText());
        assertEquals(100, job.get("progress").asInt());
        String url = job.at("/outputs/0/downloadUrl").asText();
        assertTrue(url.contains("X-Amz-Signature="), url);
        assertTrue(Instant.parse(job.at("/outputs/0/downloadUrlExpiresAt").asText())
                .isBefore(Instant.now().plusSeconds(16 * 60)));
        HttpResponse<byte[]> got = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, got.statusCode());
        assertArrayEquals(bytes, got.body());
    }

    @Test
    void aJustStartedJobWithoutARecordYetIsSubmittingAndAnUnknownOneIs404() throws Exception {
        JsonNode started =
                body(call("POST", "/jobs", null, null, "{\"operation\":\"image_generate\",\"prompt\":\"A fox\"}"));
        String id = started.get("jobId").asText();

        JsonNode job = body(call("GET", "/jobs/{id}", id, null, null));
        assertEquals("submitting", job.get("status").asText());

        JsonNode unknown = call("GET", "/jobs/{id}", "api-nosuchjob", null, null);
        assertEquals(404, unknown.get("statusCode").asInt());
        assertEquals("JobNotFound", body(unknown).get("error").asText());
    }

    @Test
    void aMalformedIdIsRefusedByName() throws Exception {
        JsonNode answer = json.readTree(
                Lambda.ok(event("GET", "/jobs/{id}", "bad id!", null, null).toString())
                        .prettify());
        CONTRACT.assertAnswer("/jobs/{id}", "GET", answer);
        assertEquals(400, answer.get("statusCode").asInt());
        assertEquals("id", body(answer).at("/violations/0/field").asText());
    }

    // --- GET /jobs ---------------------------------------------------------------------------------------------

    @Test
    void jobsAreListedNewestFirstPageByPageAndFilteredByStatusUserAndTag() throws Exception {
        String user = newId("user");
        Instant base = Instant.now().minusSeconds(600);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = newId("list");
            ids.add(0, id); // newest first
            JobState state = running(
                    id,
                    request(Operation.IMAGE_GENERATE, user, Map.of("batch", i % 2 == 0 ? "even" : "odd"), null),
                    base.plusSeconds(i * 10L));
            if (i == 1) {
                store.finish(
                        JobRecord.finished(state.ended(JobStatus.DONE, 100, List.of(), null, null), Instant.now()));
            }
        }

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Map<String, String> query = next == null
                    ? Map.of("user", user, "limit", "2")
                    : Map.of("user", user, "limit", "2", "next", next);
            JsonNode page = body(call("GET", "/jobs", null, query, null));
            page.get("jobs").forEach(j -> seen.add(j.get("jobId").asText()));
            next = page.path("next").asText(null);
            pages++;
        } while (next != null && pages < 10);
        assertEquals(ids, seen, "every job once, newest first");

        JsonNode succeeded = body(call("GET", "/jobs", null, Map.of("user", user, "status", "succeeded"), null));
        assertEquals(List.of(ids.get(3)), jobIds(succeeded));
        JsonNode odd = body(call("GET", "/jobs", null, Map.of("user", user, "tag", "batch:odd"), null));
        assertEquals(List.of(ids.get(1), ids.get(3)), jobIds(odd));

        // Without a user, the listing walks the days of the index: today's jobs are all there, newest first.
        List<String> all = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = token == null
                    ? Map.of("tag", "batch:even", "limit", "50")
                    : Map.of("tag", "batch:even", "limit", "50", "next", token);
            JsonNode page = body(call("GET", "/jobs", null, query, null));
            all.addAll(jobIds(page));
            token = page.path("next").asText(null);
        } while (token != null);
        List<String> even = List.of(ids.get(0), ids.get(2), ids.get(4));
        assertEquals(even, all.stream().filter(even::contains).toList());
    }

    @Test
    void aBadListingQueryNamesEachField() throws Exception {
        JsonNode answer = json.readTree(Lambda.ok(
                        event("GET", "/jobs", null, Map.of("status", "finished", "limit", "0", "tag", "no-colon"), null)
                                .toString())
                .prettify());
        CONTRACT.assertAnswer("/jobs", "GET", answer);
        assertEquals(400, answer.get("statusCode").asInt());
        List<String> fields = new ArrayList<>();
        body(answer).get("violations").forEach(v -> fields.add(v.get("field").asText()));
        assertEquals(List.of("status", "tag", "limit"), fields);

        JsonNode forged = json.readTree(Lambda.ok(event("GET", "/jobs", null, Map.of("next", "bm90LWEtdG9rZW4"), null)
                        .toString())
                .prettify());
        assertEquals(400, forged.get("statusCode").asInt());
        assertEquals("next", body(forged).at("/violations/0/field").asText());

        String user = newId("user");
        for (int i = 0; i < 2; i++) {
            running(
                    newId("tok"),
                    request(Operation.IMAGE_GENERATE, user, Map.of(), null),
                    Instant.now().minusSeconds(i));
        }
        String next = body(call("GET", "/jobs", null, Map.of("user", user, "limit", "1"), null))
                .get("next")
                .asText();
        JsonNode otherFilters = json.readTree(
                Lambda.ok(event("GET", "/jobs", null, Map.of("user", user, "status", "running", "next", next), null)
                                .toString())
                        .prettify());
        assertEquals(
                400, otherFilters.get("statusCode").asInt(), "a token is taken back only by the listing that gave it");
    }

    private static List<String> jobIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("jobs").forEach(j -> ids.add(j.get("jobId").asText()));
        return ids;
    }

    // --- POST /jobs/{id}/cancel ----------------------------------------------------------------------------------

    @Test
    void aRunningJobIsStoppedAndRecordedCancelledAndXaiBillsIt() throws Exception {
        JsonNode started =
                body(call("POST", "/jobs", null, null, "{\"operation\":\"text_to_video\",\"prompt\":\"A fox\"}"));
        String jobId = started.get("jobId").asText();
        running(
                jobId,
                request(
                        Operation.TEXT_TO_VIDEO,
                        null,
                        Map.of(),
                        new WebhookSpec(URI.create("https://hooks.example.com/imagine"), List.of("completed"))),
                Instant.now());

        JsonNode answer = call("POST", "/jobs/{id}/cancel", jobId, null, null);

        assertEquals(200, answer.get("statusCode").asInt());
        JsonNode job = body(answer);
        assertEquals("cancelled", job.get("status").asText());
        assertEquals("cancelled", job.get("outcome").asText());
        assertEquals("JobCancelled", job.at("/error/code").asText());
        assertTrue(job.get("cancelRequested").asBoolean());
        assertTrue(job.at("/cancel/xaiAccepted").asBoolean(), "xAI had the request id: it bills the generation");
        assertTrue(aws.stopped().contains(jobId));
        assertTrue(aws.executions().containsKey(jobId + "-completed"), "the completed webhook is queued");

        JsonNode again = call("POST", "/jobs/{id}/cancel", jobId, null, null);
        assertEquals(200, again.get("statusCode").asInt(), "cancel is idempotent");
        assertEquals(job.get("finishedAt"), body(again).get("finishedAt"));
    }

    @Test
    void aJobCancelledBeforeItsSubmitRanWasNeverTakenByXai() throws Exception {
        JsonNode started =
                body(call("POST", "/jobs", null, null, "{\"operation\":\"image_generate\",\"prompt\":\"A heron\"}"));
        String id = started.get("jobId").asText();

        JsonNode job = body(call("POST", "/jobs/{id}/cancel", id, null, null));

        assertEquals("cancelled", job.get("status").asText());
        assertFalse(job.at("/cancel/xaiAccepted").asBoolean());
        assertEquals("image_generate", job.get("operation").asText(), "what the event asked");
        assertTrue(aws.stopped().contains(id));
    }

    @Test
    void aCancelThatComesAfterTheJobEndedLeavesTheRecordAndAnswers409() throws Exception {
        String id = newId("late");
        JobState state = running(id, request(Operation.IMAGE_GENERATE, null, Map.of(), null), Instant.now());
        JobRecord done = store.finish(
                JobRecord.finished(state.ended(JobStatus.DONE, 100, List.of(), null, null), Instant.now()));

        JsonNode answer = call("POST", "/jobs/{id}/cancel", id, null, null);

        assertEquals(409, answer.get("statusCode").asInt());
        assertEquals("succeeded", body(answer).get("status").asText());
        assertNull(store.find(id).orElseThrow().cancel());
        assertEquals(
                done.times().finishedAt(), store.find(id).orElseThrow().times().finishedAt());
        assertFalse(aws.stopped().contains(id));
    }

    @Test
    void cancellingAnUnknownJobIs404() throws Exception {
        JsonNode answer = call("POST", "/jobs/{id}/cancel", "api-nosuchjob", null, null);
        assertEquals(404, answer.get("statusCode").asInt());
    }

    // --- the rest ------------------------------------------------------------------------------------------------

    @Test
    void anotherMethodOrPathIsAnsweredWithoutAJob() throws Exception {
        JsonNode wrongMethod = json.readTree(
                Lambda.ok(event("DELETE", "/jobs/{id}", "x", null, null).toString())
                        .prettify());
        assertEquals(405, wrongMethod.get("statusCode").asInt());
        ObjectNode unknown = event("GET", "/jobs", null, null, null)
                .put("routeKey", "$default")
                .put("rawPath", "/things");
        assertEquals(
                404,
                json.readTree(Lambda.ok(unknown.toString()).prettify())
                        .get("statusCode")
                        .asInt());
    }

    /** The api function writes metrics when a cancel ends a job. */
    @AfterAll
    static void everyMetricLineIsValid() {
        CapturedMetricLines.checkLinesOf("api");
    }

    // --- batches --------------------------------------------------------------------------------------------

    @Test
    void postBatchesLooksAtTheManifestAndStartsTheBatchMachineWithItsId() throws Exception {
        AwsStubsResource.s3()
                .put(
                        "imagine-inputs",
                        "batches/api.jsonl",
                        "{\"operation\":\"image_generate\",\"prompt\":\"a\"}\n".getBytes(),
                        "application/x-ndjson",
                        Map.of());

        JsonNode answer =
                call("POST", "/batches", null, null, "{\"manifest\":\"s3://imagine-inputs/batches/api.jsonl\"}");

        assertEquals(202, answer.get("statusCode").asInt());
        String batchId = body(answer).get("batchId").asText();
        assertTrue(batchId.matches("b-[0-9a-f]{24}"), batchId);
        Map.Entry<String, JsonNode> execution = aws.executions().entrySet().stream()
                .filter(e -> e.getKey().startsWith(batchId + "-"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                json.readTree("{\"manifest\":\"s3://imagine-inputs/batches/api.jsonl\",\"id\":\"" + batchId + "\"}"),
                execution.getValue());
    }

    @Test
    void postBatchesRefusesAMissingManifestOrABadIdAndStartsNothing() throws Exception {
        JsonNode missing =
                call("POST", "/batches", null, null, "{\"manifest\":\"s3://imagine-inputs/batches/none.jsonl\"}");
        // A request that breaks the document's own rules, sent as a client would: answered 400 all the same.
        JsonNode notS3 = json.readTree(Lambda.ok(event(
                                "POST",
                                "/batches",
                                null,
                                null,
                                "{\"manifest\":\"s3://imagine-inputs/batches/\",\"id\":\"x\"}")
                        .toString())
                .prettify());
        CONTRACT.assertAnswer("/batches", "POST", notS3);

        assertEquals(400, missing.get("statusCode").asInt());
        assertEquals("manifest", body(missing).at("/violations/0/field").asText());
        assertEquals(400, notS3.get("statusCode").asInt());
        assertTrue(aws.executions().isEmpty(), "nothing started");
    }

    @Test
    void getBatchAnswersItsRecordOr404() throws Exception {
        io.imagineflow.batch.BatchStore.Opened opened =
                batches.open("api-batch", "s3://imagine-inputs/batches/api.jsonl", 3, Instant.now(), Instant.now());

        JsonNode found = call("GET", "/batches/{id}", "api-batch", null, null);
        JsonNode unknown = call("GET", "/batches/{id}", "no-such-batch", null, null);

        assertTrue(opened instanceof io.imagineflow.batch.BatchStore.Opened.Run);
        assertEquals(200, found.get("statusCode").asInt());
        assertEquals("running", body(found).get("status").asText());
        assertEquals(3, body(found).get("lines").asInt());
        assertEquals(404, unknown.get("statusCode").asInt());
        assertEquals("BatchNotFound", body(unknown).get("error").asText());
    }
}
