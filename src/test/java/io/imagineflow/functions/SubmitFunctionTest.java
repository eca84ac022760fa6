package io.imagineflow.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.EventTranslator;
import io.imagineflow.job.Hashes;
import io.imagineflow.job.IncomingJob;
import io.imagineflow.job.JobStore;
import io.imagineflow.sim.Fault;
import io.imagineflow.sim.Route;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.CapturedMetricLines;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Fixtures;
import io.imagineflow.testing.InvalidRequests;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code submit} through the Lambda mock event server, against the xAI simulator, DynamoDB Local and S3. */
@QuarkusTest
@TestProfile(Profiles.Submit.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class SubmitFunctionTest {

    private final XaiSimulator sim = XaiSimulatorResource.simulator();

    @Inject
    EventTranslator translator;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void clean() {
        sim.reset();
        DynamoDbLocalResource.clear();
        AwsStubsResource.resetExampleInputs();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "plain-request.json, req-, request, image_generate",
        "apigateway-http-v2.json, api-, apigateway-http, text_to_video",
        "apigateway-http-v2-base64.json, api-, apigateway-http, image_generate",
        "apigateway-rest-v1.json, key-, apigateway-rest, image_generate",
        "eventbridge-job.json, eb-, eventbridge, image_generate",
        "eventbridge-s3-object-created.json, s3-, eventbridge-s3, image_edit",
        "s3-notification.json, s3-, s3, image_to_video",
        "sqs-records.json, sqs-, sqs, image_generate",
        "sqs-pipes-eventbridge.json, eb-, eventbridge, image_generate",
        "cloudevent.json, ce-, cloudevents, image_generate"
    })
    void everyKindOfEventStartsAJob(String fixture, String idPrefix, String source, String operation) {
        JsonPath state = Lambda.ok(Fixtures.text("events/" + fixture));

        String jobId = state.getString("jobId");
        assertTrue(jobId.startsWith(idPrefix), jobId);
        assertEquals(operation, state.getString("operation"));
        assertEquals("pending", state.getString("status"));
        assertNotNull(state.getString("xaiRequestId"));
        assertTrue(state.getInt("nextPollSeconds") >= 1);
        assertEquals(1, generations(), "one generation started at xAI");
        Map<String, AttributeValue> item = DynamoDbLocalResource.item(jobId).orElseThrow();
        assertEquals("running", item.get("status").s());
        assertEquals(source, item.get("source").s());
        assertEquals(state.getString("xaiRequestId"), item.get("xaiRequestId").s());
    }

    @Test
    void theStateCarriesWhatTheNextStepsNeed() {
        JsonPath state = Lambda.ok(Fixtures.text("events/apigateway-http-v2.json"));

        assertEquals(1, state.getInt("version"));
        assertEquals("grok-imagine-video", state.getString("model"));
        assertEquals(0, state.getInt("polls"));
        assertNotNull(state.getString("submittedAt"));
        assertNotNull(state.getString("deadline"));
        // A 5 s 480p video takes 45 s at the median (20 + 5 x 5 s): the first look comes well before, not at once.
        assertEquals(45.0, state.getDouble("expected.median"), 1e-9);
        int first = state.getInt("nextPollSeconds");
        assertTrue(first >= 15 && first < 45, "first look after " + first + " s");
    }

    @Test
    void imagesAreStartedDeferredSoSubmitNeverWaitsForARender() {
        Lambda.ok(Fixtures.text("events/plain-request.json"));

        var body = sim.exchanges().stream()
                .filter(e -> e.route() == Route.GENERATE_IMAGE)
                .findFirst()
                .orElseThrow()
                .requestJson();
        assertTrue(body.get("deferred").asBoolean());
        assertEquals(2, body.get("n").asInt());
        assertEquals(
                "lighthouse.jpg", body.get("storage_options").get("filename").asText());
        assertTrue(body.get("storage_options").get("public_url").asBoolean());
        assertEquals("user-42", body.get("user").asText());
    }

    @Test
    void aDuplicateEventGetsTheSameJobAndNoSecondGeneration() {
        String event = Fixtures.text("events/eventbridge-job.json");
        JsonPath first = Lambda.ok(event);
        JsonPath second = Lambda.ok(event);

        assertEquals(first.getString("jobId"), second.getString("jobId"));
        assertEquals(first.getString("xaiRequestId"), second.getString("xaiRequestId"));
        assertTrue(second.getBoolean("duplicate"));
        assertEquals(1, generations());
        assertEquals(1, DynamoDbLocalResource.items().size());
    }

    @Test
    void concurrentDeliveriesOfOneEventStartOneGeneration() throws Exception {
        String event = Fixtures.text("events/sqs-records.json");
        int deliveries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<JsonPath>> results = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return Lambda.invoke(event).jsonPath();
            }));
        }
        go.countDown();
        Set<String> requestIds = ConcurrentHashMap.newKeySet();
        int inProgress = 0;
        for (Future<JsonPath> result : results) {
            JsonPath answer = result.get(30, TimeUnit.SECONDS);
            if (answer.getString("errorType") != null) {
                // A delivery that meets a live claim is told to retry: the state machine's Retry does so.
                assertEquals("io.imagineflow.job.JobInProgress", answer.getString("errorType"));
                inProgress++;
            } else {
                requestIds.add(answer.getString("xaiRequestId"));
            }
        }
        pool.shutdown();
        assertEquals(1, generations(), "one paid generation");
        assertEquals(1, requestIds.size(), "every answer names the same xAI request");
        assertTrue(inProgress < deliveries);
        assertEquals(1, DynamoDbLocalResource.items().size(), "one record");
    }

    @Test
    void aLiveClaimMakesASecondDeliveryWaitAndACrashedOneIsTakenOver() throws Exception {
        String event = Fixtures.text("events/eventbridge-job.json");
        IncomingJob job = translator.translate(json.readTree(event));
        JobStore.NewJob claimed = new JobStore.NewJob(
                job.jobId(),
                Hashes.request(job.request()),
                job.request().operation(),
                job.request().model(),
                null,
                job.source(),
                null,
                Map.of(),
                Instant.now(),
                job.request().deliverTo(),
                null,
                null);
        // Another submit holds the job, and is still within its time.
        store.claim(claimed, Instant.now(), Instant.now().plusSeconds(60));
        JsonPath waiting = Lambda.error(event);
        assertEquals("io.imagineflow.job.JobInProgress", waiting.getString("errorType"));
        assertEquals(0, generations());

        // That submit crashed: once its claim has run out, the next delivery takes the job over.
        DynamoDbLocalResource.clear();
        store.claim(claimed, Instant.now().minusSeconds(120), Instant.now().minusSeconds(60));
        JsonPath taken = Lambda.ok(event);
        assertEquals("pending", taken.getString("status"));
        assertEquals(1, generations());
    }

    @Test
    void theSameIdempotencyKeyWithAnotherRequestIsAConflict() {
        Lambda.ok("{\"operation\":\"image_generate\",\"prompt\":\"A blue door\",\"idempotency_key\":\"door-1\"}");
        JsonPath error = Lambda.error(
                "{\"operation\":\"image_generate\",\"prompt\":\"A green door\",\"idempotency_key\":\"door-1\"}");

        assertEquals("io.imagineflow.job.JobConflict", error.getString("errorType"));
        assertEquals(1, generations());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.imagineflow.testing.InvalidRequests#all")
    void aBadRequestIsRefusedByNameAndCostsNothing(InvalidRequests.Case bad) {
        JsonPath error = Lambda.error(bad.request());

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        String message = error.getString("errorMessage");
        assertTrue(message.contains(bad.field() + ": ") && message.contains(bad.rule()), message);
        assertEquals(0, generations());
        assertEquals(0, sim.ledger().requests(Route.UPLOAD_FILE));
        assertTrue(DynamoDbLocalResource.items().isEmpty(), "nothing claimed");
    }

    @Test
    void aBadRequestInsideAnEventNamesTheFieldWhereItSits() {
        String event = Fixtures.text("events/eventbridge-job.json")
                .replace("\"aspect_ratio\": \"1:1\"", "\"aspect_ratio\": \"7:5\"");
        JsonPath error = Lambda.error(event);

        assertTrue(
                error.getString("errorMessage").startsWith("detail.options.aspect_ratio: must be one of"),
                error.getString("errorMessage"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON at all | event | must be a JSON object",
                "{\"Records\":[]} | Records | exactly one record",
                "[] | event | exactly one message",
                "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"s\"} | specversion | must be 1.0",
                "{\"detail-type\":\"Object Deleted\",\"source\":\"aws.s3\",\"id\":\"1\",\"detail\":{}}"
                        + " | detail-type | Object Created",
                "{\"something\":\"else\"} | event | is not a known kind of event"
            })
    void anUnknownOrMalformedEventIsRefused(String event, String field, String rule) {
        JsonPath error = Lambda.error(event.equals("not JSON at all") ? "\"not JSON at all\"" : event);

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        assertTrue(error.getString("errorMessage").startsWith(field + ": "), error.getString("errorMessage"));
        assertTrue(error.getString("errorMessage").contains(rule), error.getString("errorMessage"));
    }

    @Test
    void anS3ObjectBecomesAJobByItsTriggerRuleAndIsUploadedOnce() {
        JsonPath first = Lambda.ok(Fixtures.text("events/eventbridge-s3-object-created.json"));
        // The same object, created again (a new sequencer): a new job, but the upload is reused.
        JsonPath second = Lambda.ok(Fixtures.text("events/eventbridge-s3-object-created.json")
                .replace("00617F08299329D189", "00617F08299329D190"));

        assertFalse(first.getString("jobId").equals(second.getString("jobId")));
        // One upload to xAI: the second job found the first one's file before reading the object again.
        assertEquals(1, sim.ledger().requests(Route.UPLOAD_FILE));
        var edit = sim.exchanges().stream()
                .filter(e -> e.route() == Route.EDIT_IMAGE)
                .findFirst()
                .orElseThrow()
                .requestJson();
        assertEquals("Turn harbour.png into a watercolor", edit.get("prompt").asText());
        assertTrue(edit.get("image").get("file_id").asText().startsWith("file_"));
        assertEquals(
                "harbour-watercolor.jpg",
                edit.get("storage_options").get("filename").asText());
    }

    @Test
    void anObjectsPromptMetadataOverridesTheRulesPrompt() {
        Lambda.ok(Fixtures.text("events/s3-notification.json"));

        var video = sim.exchanges().stream()
                .filter(e -> e.route() == Route.GENERATE_VIDEO)
                .findFirst()
                .orElseThrow()
                .requestJson();
        assertEquals("The mill's wheel starts to turn", video.get("prompt").asText());
        assertEquals(4, video.get("duration").asInt());
    }

    @Test
    void anS3ObjectWithNoMatchingRuleIsRefusedBeforeAnythingIsRead() {
        JsonPath error = Lambda.error(
                Fixtures.text("events/s3-notification.json").replace("frames/old+mill.png", "elsewhere/x.png"));

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        assertTrue(error.getString("errorMessage")
                .contains("no trigger rule matches s3://imagine-inputs/elsewhere/x.png"));
        assertEquals(0, sim.ledger().requests(Route.UPLOAD_FILE));
    }

    @Test
    void aMissingS3InputFailsTheJobWithoutAGeneration() {
        JsonPath state = Lambda.ok("{\"operation\":\"video_extend\",\"prompt\":\"Keep going\","
                + "\"inputs\":{\"video\":{\"s3\":{\"bucket\":\"imagine-inputs\",\"key\":\"clips/none.mp4\"}}}}");

        assertEquals("failed", state.getString("status"));
        assertEquals("JobInvalid", state.getString("error.code"));
        assertTrue(state.getString("error.message").contains("s3://imagine-inputs/clips/none.mp4 does not exist"));
        assertEquals(0, generations());
        assertEquals(
                "failed",
                DynamoDbLocalResource.item(state.getString("jobId"))
                        .orElseThrow()
                        .get("status")
                        .s());
    }

    @Test
    void anS3InputThatIsNotWhatTheOperationTakesIsRefused() {
        AwsStubsResource.s3()
                .put("imagine-inputs", "clips/not-a-video.mp4", "plain text".getBytes(), "video/mp4", Map.of());
        JsonPath state = Lambda.ok("{\"operation\":\"video_edit\",\"prompt\":\"Night\","
                + "\"inputs\":{\"video\":\"s3://imagine-inputs/clips/not-a-video.mp4\"}}");

        assertEquals("failed", state.getString("status"));
        assertTrue(state.getString("error.message").contains("holds an unknown format, not an MP4 video"));
        assertEquals(0, sim.ledger().requests(Route.UPLOAD_FILE));
    }

    @Test
    void aThrottledStartIsQueuedBehindXaisRetryAfterAndStartsWhenItComesBackOnItsSlot() {
        String event = Fixtures.text("events/cloudevent.json");
        // A governed start is not retried in the call: its one 429 goes back to the governor.
        sim.inject(Fault.THROTTLED, Route.GENERATE_IMAGE, 1);

        JsonPath queued = Lambda.ok(event);
        assertEquals("queued", queued.getString("status"));
        assertTrue(queued.getInt("nextPollSeconds") >= 1);
        assertTrue(
                Instant.parse(queued.getString("queue.slot")).isAfter(Instant.now()),
                "the slot is behind xAI's Retry-After");
        assertTrue(DynamoDbLocalResource.items().isEmpty(), "the claim was released");
        assertEquals(0, sim.ledger().accepted("A cover with a copper owl, cloudevent"));

        // As the state machine's Requeue state hands it back: the execution's event and the queued state.
        JsonPath started = Lambda.ok("{\"event\":" + event + ",\"queued\":" + queued.prettify() + "}");
        assertEquals("pending", started.getString("status"));
        assertEquals(1, sim.ledger().accepted("A cover with a copper owl, cloudevent"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SERVER_ERROR", "DROPPED_CONNECTION", "MALFORMED_BODY"})
    void aStartWhoseAnswerIsLostIsNotSentAgain(Fault fault) {
        String event = Fixtures.text("events/cloudevent.json");
        sim.inject(fault, Route.GENERATE_IMAGE, 1);

        JsonPath state = Lambda.ok(event);
        assertEquals("failed", state.getString("status"));
        assertEquals("XaiOutcomeUnknown", state.getString("error.code"));
        // Redelivered: the recorded outcome is the answer, and xAI is not asked (and paid) again.
        JsonPath again = Lambda.ok(event);
        assertEquals("failed", again.getString("status"));
        assertTrue(again.getBoolean("duplicate"));
        assertEquals(1, sim.ledger().requests(Route.GENERATE_IMAGE));
    }

    @Test
    void anUnknownFileIdFailsTheJobWithXaisReason() {
        JsonPath state = Lambda.ok("{\"operation\":\"image_edit\",\"prompt\":\"Add a hat\","
                + "\"inputs\":{\"image\":{\"file_id\":\"file_does-not-exist\"}}}");

        assertEquals("failed", state.getString("status"));
        assertEquals("JobInvalid", state.getString("error.code"));
        assertTrue(state.getString("error.message").contains("file_does-not-exist"), state.getString("error.message"));
        assertNull(state.getString("xaiRequestId"));
    }

    @Test
    void aBase64ApiGatewayBodyThatIsNotBase64IsRefused() {
        String event = Fixtures.text("events/apigateway-http-v2-base64.json")
                .replaceFirst(
                        "\"body\": \"[^\"]+\"",
                        "\"body\": \"" + Base64.getEncoder().encodeToString("{not json".getBytes()) + "\"");
        JsonPath error = Lambda.error(event);

        assertEquals("body: is not valid JSON", error.getString("errorMessage").replaceAll(" \\(.*", ""));
    }

    private long generations() {
        return sim.ledger().generationRequests();
    }

    @AfterAll
    static void everyMetricLineIsValid() {
        CapturedMetricLines.checkLinesOf("submit");
    }
}
