package io.imagineflow.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.job.Hashes;
import io.imagineflow.job.JobState;
import io.imagineflow.job.PollService;
import io.imagineflow.sim.Fault;
import io.imagineflow.sim.Route;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsJsonStub;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.CapturedMetricLines;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Fixtures;
import io.imagineflow.testing.Jobs;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finalize} through the Lambda mock event server: the final record, written once. */
@QuarkusTest
@TestProfile(Profiles.Finalize.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class FinalizeFunctionTest {

    private static final String PROMPT = "A clockwork hummingbird";
    private static final String REQUEST = "{\"operation\":\"image_generate\",\"prompt\":\"" + PROMPT + "\","
            + "\"storage\":{\"filename\":\"bird.jpg\"},\"tags\":{\"campaign\":\"spring\"},\"user\":\"user-7\"}";

    private final XaiSimulator sim = XaiSimulatorResource.simulator();

    @Inject
    Jobs jobs;

    @Inject
    PollService poll;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void clean() {
        sim.reset();
        DynamoDbLocalResource.clear();
        AwsStubsResource.json().clear();
    }

    @Test
    void aDoneJobIsRecordedWithItsOutputsCostAndTimings() throws Exception {
        String ended = ended(REQUEST);

        JsonPath record = Lambda.ok(ended);

        assertEquals("succeeded", record.getString("status"));
        assertEquals("done", record.getString("outcome"));
        assertEquals("image_generate", record.getString("operation"));
        assertEquals("grok-imagine-image", record.getString("model"));
        assertEquals(Hashes.sha256(PROMPT), record.getString("promptHash"));
        assertEquals("request", record.getString("source"));
        assertEquals("user-7", record.getString("user"));
        assertEquals("spring", record.getString("tags.campaign"));
        assertNotNull(record.getString("xaiRequestId"));
        assertTrue(record.getString("outputs[0].fileId").startsWith("file_"));
        assertEquals("bird.jpg", record.getString("outputs[0].filename"));
        assertEquals(sim.ledger().billedTicks(PROMPT), record.getLong("cost.usdTicks"));
        assertEquals(0.02, record.getDouble("cost.usd"), 1e-9);
        assertNotNull(record.getString("receivedAt"));
        assertNotNull(record.getString("submittedAt"));
        assertNotNull(record.getString("finishedAt"));
        assertTrue(record.getInt("polls") >= 1);

        Map<String, AttributeValue> item =
                DynamoDbLocalResource.item(record.getString("jobId")).orElseThrow();
        assertEquals("succeeded", item.get("status").s());
        assertEquals(
                record.getString("outputs[0].fileId"),
                item.get("outputs").l().get(0).m().get("fileId").s());
        assertNotNull(item.get("ttl"), "a finished record expires by DynamoDB's TTL");
        assertFalse(item.toString().contains(PROMPT), "the record keeps a hash of the prompt, never the prompt");
    }

    @Test
    void theEndOfAJobIsAnnouncedOnEventBridgeOnce() throws Exception {
        String ended = ended(REQUEST);
        JsonPath record = Lambda.ok(ended);
        Lambda.ok(ended);

        assertEquals(1, AwsStubsResource.json().events().size());
        AwsJsonStub.Event event = AwsStubsResource.json().events().get(0);
        assertEquals(AwsStubsResource.BUS, event.bus());
        assertEquals("imagine-flow", event.source());
        assertEquals("Imagine Job Succeeded", event.detailType());
        assertEquals(record.getString("jobId"), event.detail().get("jobId").asText());
        assertEquals(
                record.getString("outputs[0].fileId"),
                event.detail().at("/outputs/0/fileId").asText());
        assertNotNull(record.getString("announcedAt"));
    }

    @Test
    void anAnnouncementThatFailedIsSentWhenFinalizeIsRetried() throws Exception {
        String ended = ended(REQUEST.replace(PROMPT, PROMPT + ", announced late"));
        AwsStubsResource.json().refuseEvents(1);

        JsonPath error = Lambda.error(ended);
        assertEquals("io.imagineflow.job.JobUnavailable", error.getString("errorType"));
        String jobId = json.readTree(ended).get("jobId").asText();
        Map<String, AttributeValue> item = DynamoDbLocalResource.item(jobId).orElseThrow();
        assertEquals("succeeded", item.get("status").s(), "the record is final all the same");
        assertFalse(item.containsKey("announcedAt"));

        JsonPath retried = Lambda.ok(ended);
        assertNotNull(retried.getString("announcedAt"));
        assertEquals(1, AwsStubsResource.json().events().size());
    }

    @Test
    void aSecondFinalizeChangesNothing() throws Exception {
        String ended = ended(REQUEST);
        JsonPath first = Lambda.ok(ended);
        Map<String, AttributeValue> before =
                DynamoDbLocalResource.item(first.getString("jobId")).orElseThrow();

        JsonPath second = Lambda.ok(ended);

        assertEquals(first.getString("finishedAt"), second.getString("finishedAt"));
        assertEquals(
                before, DynamoDbLocalResource.item(first.getString("jobId")).orElseThrow());
    }

    @Test
    void aModeratedJobIsRecordedAsFailedWithItsCost() throws Exception {
        sim.inject(Fault.MODERATED_DONE, Route.GENERATE_IMAGE, 1);
        String ended = ended(REQUEST.replace(PROMPT, PROMPT + ", moderated"));

        JsonPath record = Lambda.ok(ended);

        assertEquals("failed", record.getString("status"));
        assertEquals("moderated", record.getString("outcome"));
        assertEquals("XaiModerated", record.getString("error.code"));
        assertEquals(
                "Imagine Job Failed", AwsStubsResource.json().events().get(0).detailType());
        assertEquals(sim.ledger().billedTicks(PROMPT + ", moderated"), record.getLong("cost.usdTicks"));
    }

    @Test
    void aRefusedEventIsRecordedUnderTheJobIdItsEventWouldHaveHad() {
        JsonPath record = Lambda.ok(Fixtures.refusedEvent());

        assertTrue(record.getString("jobId").startsWith("eb-"));
        assertEquals("failed", record.getString("status"));
        assertEquals("failed", record.getString("outcome"));
        assertEquals("JobInvalid", record.getString("error.code"));
        assertEquals(Fixtures.REFUSED_MESSAGE, record.getString("error.message"));
        assertTrue(DynamoDbLocalResource.item(record.getString("jobId")).isPresent());
    }

    @Test
    void aStepThatFailedAfterSubmitIsRecordedWithTheJobsState() {
        ObjectNode state = jobs.start(REQUEST.replace(PROMPT, PROMPT + ", lost"));
        state.putObject("failure")
                .put("Error", "io.imagineflow.job.JobUnavailable")
                .put(
                        "Cause",
                        "{\"errorType\":\"io.imagineflow.job.JobUnavailable\",\"errorMessage\":\"xAI could not"
                                + " be reached\"}");

        JsonPath record = Lambda.ok(state.toString());

        assertEquals(state.get("jobId").asText(), record.getString("jobId"));
        assertEquals("failed", record.getString("status"));
        assertEquals("JobUnavailable", record.getString("error.code"));
        assertEquals("xAI could not be reached", record.getString("error.message"));
        assertEquals(state.get("xaiRequestId").asText(), record.getString("xaiRequestId"));
        assertEquals("request", record.getString("source"), "what the claim knew is kept");
    }

    @Test
    void aLambdaServiceErrorIsRecordedByItsName() {
        String caught = "{\"event\":" + Fixtures.text("events/cloudevent.json") + ",\"failure\":{\"Error\":"
                + "\"Lambda.TooManyRequestsException\",\"Cause\":\"Rate Exceeded.\"}}";

        JsonPath record = Lambda.ok(caught);

        assertEquals("Lambda.TooManyRequestsException", record.getString("error.code"));
        assertEquals("Rate Exceeded.", record.getString("error.message"));
    }

    @Test
    void aPendingJobCannotBeFinalized() {
        JsonPath error = Lambda.error(
                jobs.start(REQUEST.replace(PROMPT, PROMPT + ", early")).toString());

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        assertTrue(error.getString("errorMessage").startsWith("status: "));
    }

    /** The state of a job that has ended, as poll hands it to finalize. */
    private String ended(String request) throws Exception {
        JobState state = json.treeToValue(jobs.start(request), JobState.class);
        for (int i = 0; i < 100 && !state.status().terminal(); i++) {
            Thread.sleep(50);
            state = poll.poll(state);
        }
        return json.writeValueAsString(state);
    }

    @AfterAll
    static void everyMetricLineIsValid() {
        CapturedMetricLines.checkLinesOf("finalize");
    }
}
