package io.imagineflow.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.sim.Fault;
import io.imagineflow.sim.Route;
import io.imagineflow.sim.SimulatorOptions;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.imagineflow.testing.StartedJobs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code poll} as built (JVM jar, or the native executable with {@code -Dnative}): states of generations started
 * at the xAI simulator go in as the state machine passes them, one look at xAI per call.
 */
@QuarkusIntegrationTest
@TestProfile(Profiles.Poll.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class PollFunctionIT {

    private final XaiSimulator sim = XaiSimulatorResource.simulator();
    private final StartedJobs jobs = new StartedJobs(sim.baseUrl());

    @BeforeEach
    void clean() {
        sim.reset();
    }

    @AfterEach
    void restore() {
        sim.configure(SimulatorOptions.fast());
    }

    @Test
    void aRunningVideoStaysPendingWithAWaitBeforeTheNextLook() {
        sim.configure(SimulatorOptions.fast().withReadyAfter(Duration.ofSeconds(30), Duration.ofSeconds(30)));
        ObjectNode state = jobs.video("it-poll-pending", "A fox in the snow", 5);

        JsonPath polled = Lambda.ok(state.toString());

        assertEquals("pending", polled.getString("status"));
        assertEquals(1, polled.getInt("polls"));
        assertTrue(polled.getInt("nextPollSeconds") >= 1 && polled.getInt("nextPollSeconds") <= 120);
        assertEquals(1, sim.ledger().requests(Route.GET_VIDEO));
    }

    @Test
    void aFinishedVideoComesBackWithItsOutputAndCost() throws Exception {
        ObjectNode state = jobs.video("it-poll-video", "A paper boat on a stream", 3);

        JsonPath done = Lambda.pollUntilEnded(state.toString());

        assertEquals("done", done.getString("status"));
        assertTrue(done.getString("outputs[0].url").startsWith(sim.baseUrl()), done.prettify());
        assertEquals("video/mp4", done.getString("outputs[0].mediaType"));
        assertEquals(sim.ledger().billedTicks("A paper boat on a stream"), done.getLong("cost.usdTicks"));
    }

    @Test
    void aFinishedImageComesBackWithItsOutput() throws Exception {
        ObjectNode state = jobs.image("it-poll-image", "A lighthouse at dusk");

        JsonPath done = Lambda.pollUntilEnded(state.toString());

        assertEquals("done", done.getString("status"));
        assertTrue(done.getString("outputs[0].url").startsWith(sim.baseUrl()), done.prettify());
    }

    @ParameterizedTest(name = "{0} ends {1}")
    @CsvSource({"MODERATED_DONE, moderated, XaiModerated", "EXPIRED, expired, XaiExpired", "FAILED, failed, XaiFailed"})
    void aVideoThatDidNotSucceedEndsWithItsOutcome(Fault fault, String status, String code) throws Exception {
        sim.inject(fault, Route.GENERATE_VIDEO, 1);
        ObjectNode state = jobs.video("it-poll-" + status, "A scene that ends " + status, 3);

        JsonPath ended = Lambda.pollUntilEnded(state.toString());

        assertEquals(status, ended.getString("status"));
        assertEquals(code, ended.getString("error.code"));
        assertNotNull(ended.getString("error.message"));
    }

    @Test
    void aThrottledLookStaysPendingAndWaitsAsXaiAsks() {
        sim.configure(SimulatorOptions.fast().withRetryAfterSeconds(7));
        ObjectNode state = jobs.video("it-poll-throttled", "A busy scene", 3);
        sim.inject(Fault.THROTTLED, Route.GET_VIDEO, 100);

        JsonPath polled = Lambda.ok(state.toString());

        assertEquals("pending", polled.getString("status"));
        assertEquals(7, polled.getInt("nextPollSeconds"));
    }
}
