package io.imagineflow.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.sim.Fault;
import io.imagineflow.sim.Route;
import io.imagineflow.sim.SimulatorOptions;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.CapturedMetricLines;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Jobs;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code poll} through the Lambda mock event server: one look at xAI per call, and the outcome. */
@QuarkusTest
@TestProfile(Profiles.Poll.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class PollFunctionTest {

    private static final String VIDEO =
            "{\"operation\":\"text_to_video\",\"prompt\":\"%s\",\"options\":{\"duration\":3}}";
    private static final String STORED_IMAGE = "{\"operation\":\"image_generate\",\"prompt\":\"%s\","
            + "\"options\":{\"n\":2},\"storage\":{\"filename\":\"out.jpg\",\"public_url\":{\"expires_after\":7200}}}";

    private final XaiSimulator sim = XaiSimulatorResource.simulator();

    @Inject
    Jobs jobs;

    @BeforeEach
    void clean() {
        sim.reset();
        DynamoDbLocalResource.clear();
    }

    @AfterEach
    void restore() {
        sim.configure(SimulatorOptions.fast());
    }

    @Test
    void aRunningJobStaysPendingWithAWaitBeforeTheNextLook() {
        sim.configure(SimulatorOptions.fast()
                .withReadyAfter(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30)));
        ObjectNode state = jobs.start(VIDEO.formatted("A fox in the snow, pending"));

        JsonPath polled = Lambda.ok(state.toString());

        assertEquals("pending", polled.getString("status"));
        assertEquals(1, polled.getInt("polls"));
        assertTrue(polled.getInt("nextPollSeconds") >= 1 && polled.getInt("nextPollSeconds") <= 120);
        assertEquals(state.get("xaiRequestId").asText(), polled.getString("xaiRequestId"));
        assertEquals(1, sim.ledger().requests(Route.GET_VIDEO));
    }

    @Test
    void aFinishedImageJobComesBackWithItsStoredOutputsAndCost() throws Exception {
        ObjectNode state = jobs.start(STORED_IMAGE.formatted("Two lanterns, stored"));

        JsonPath done = Lambda.pollUntilEnded(state.toString());

        assertEquals("done", done.getString("status"));
        assertEquals(100, done.getInt("progress"));
        assertEquals(2, done.getList("outputs").size());
        assertTrue(done.getString("outputs[0].url").startsWith("http"));
        assertEquals("image/jpeg", done.getString("outputs[0].mediaType"));
        assertTrue(done.getString("outputs[0].fileId").startsWith("file_"));
        assertTrue(done.getString("outputs[0].filename").startsWith("out"));
        assertNotNull(done.getString("outputs[0].publicUrl"));
        assertNotNull(done.getString("outputs[0].publicUrlExpiresAt"));
        assertEquals(sim.ledger().billedTicks("Two lanterns, stored"), done.getLong("cost.usdTicks"));
        assertEquals(0, done.getInt("nextPollSeconds"));
    }

    @Test
    void aFinishedVideoJobComesBackWithItsVideo() throws Exception {
        JsonPath done = Lambda.pollUntilEnded(
                jobs.start(VIDEO.formatted("A fox in the snow, done")).toString());

        assertEquals("done", done.getString("status"));
        assertEquals("video/mp4", done.getString("outputs[0].mediaType"));
        assertEquals(3, done.getInt("outputs[0].durationSeconds"));
        assertEquals(sim.ledger().billedTicks("A fox in the snow, done"), done.getLong("cost.usdTicks"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "FAILED, GENERATE_VIDEO, failed, XaiFailed",
        "EXPIRED, GENERATE_VIDEO, expired, XaiExpired",
        "MODERATED_HTTP, GENERATE_VIDEO, moderated, XaiModerated",
        "MODERATED_DONE, GENERATE_VIDEO, moderated, XaiModerated",
        "NOT_FOUND, GET_VIDEO, expired, XaiExpired"
    })
    void everyWayAJobCanEndIsAnOutcome(Fault fault, Route route, String status, String code) throws Exception {
        String prompt = "A fox in the snow, " + fault;
        if (route == Route.GENERATE_VIDEO) {
            sim.inject(fault, route, 1);
        }
        ObjectNode state = jobs.start(VIDEO.formatted(prompt));
        if (route != Route.GENERATE_VIDEO) {
            // A 404 is believed when every look of one poll gets it.
            sim.inject(fault, route, 3);
        }

        JsonPath ended = Lambda.pollUntilEnded(state.toString());

        assertEquals(status, ended.getString("status"));
        assertEquals(code, ended.getString("error.code"));
        assertNotNull(ended.getString("error.message"));
        if (code.equals("XaiFailed")) {
            assertEquals("internal_error", ended.getString("error.xaiCode"), "xAI's own code is kept beside ours");
        }
        if (status.equals("moderated")) {
            assertTrue(ended.getLong("cost.usdTicks") > 0, "moderated output is still billed");
            assertEquals(sim.ledger().billedTicks(prompt), ended.getLong("cost.usdTicks"));
        }
    }

    @Test
    void aThrottledLookWaitsWhatRetryAfterSays() {
        sim.configure(SimulatorOptions.fast().withRetryAfterSeconds(7));
        ObjectNode state = jobs.start(VIDEO.formatted("A fox in the snow, throttled"));
        sim.inject(Fault.THROTTLED, Route.GET_VIDEO, 1);

        JsonPath polled = Lambda.ok(state.toString());

        assertEquals("pending", polled.getString("status"));
        assertEquals(7, polled.getInt("nextPollSeconds"));
        assertEquals(1, polled.getInt("polls"));
    }

    @Test
    void anUnreachableXaiIsAnErrorTheStateMachineRetries() {
        ObjectNode state = jobs.start(VIDEO.formatted("A fox in the snow, unavailable"));
        sim.inject(Fault.SERVER_ERROR, Route.GET_VIDEO, 3);

        JsonPath error = Lambda.error(state.toString());

        assertEquals("io.imagineflow.job.JobUnavailable", error.getString("errorType"));
    }

    @Test
    void aJobStillPendingAtItsDeadlineTimesOut() {
        sim.configure(SimulatorOptions.fast()
                .withReadyAfter(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30)));
        ObjectNode state = jobs.start(VIDEO.formatted("A fox in the snow, late"));
        state.put("deadline", Instant.now().minusSeconds(1).toString());

        JsonPath polled = Lambda.ok(state.toString());

        assertEquals("timed_out", polled.getString("status"));
        assertEquals("JobTimedOut", polled.getString("error.code"));
    }

    @Test
    void anEndedStatePassesThroughWithoutAskingXai() throws Exception {
        JsonPath done = Lambda.pollUntilEnded(
                jobs.start(VIDEO.formatted("A fox in the snow, again")).toString());
        long looks = sim.ledger().requests(Route.GET_VIDEO);

        JsonPath again = Lambda.ok(done.prettify());

        assertEquals("done", again.getString("status"));
        assertEquals(done.getInt("polls"), again.getInt("polls"));
        assertEquals(looks, sim.ledger().requests(Route.GET_VIDEO));
    }

    @Test
    void aStateWithoutAStatusIsRefused() {
        JsonPath error = Lambda.error("{\"jobId\":\"x\"}");

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        assertTrue(error.getString("errorMessage").startsWith("status: "));
    }

    @AfterAll
    static void everyMetricLineIsValid() {
        CapturedMetricLines.checkLinesOf("poll");
    }
}
