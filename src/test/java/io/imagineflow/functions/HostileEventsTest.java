package io.imagineflow.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.events.CaughtFailures;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobStore;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.InvalidRequests;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile half of the bad input corpus: each event is refused by submit with {@code JobInvalid} naming the
 * field and the rule, calls nothing at xAI and claims nothing; the function keeps answering; and the failure path
 * of the state machine (the caught error and the event, as RecordFailure hands them to finalize) leaves a failed
 * record that says the same. An event that is not JSON cannot start an execution, so only submit's error counts.
 */
@QuarkusTest
@TestProfile(Profiles.Submit.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class HostileEventsTest {

    private static final String PIXEL =
            "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP4"
                    + "z8DwHwAFAAIBpdHgwwAAAABJRU5ErkJggg==";

    private final XaiSimulator sim = XaiSimulatorResource.simulator();

    @Inject
    CaughtFailures failures;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void clean() {
        sim.reset();
        DynamoDbLocalResource.clear();
    }

    @Test
    void theCorpusHoldsAtLeastFortyBadInputs() {
        int corpus =
                InvalidRequests.all().size() + InvalidRequests.hostileEvents().size();
        assertTrue(corpus >= 40, corpus + " cases");
    }

    @Test
    void aUserUrlGoesToXaiAsItIsAndIsNeverFetchedByTheFunction() throws Exception {
        try (ServerSocket bait = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            bait.setSoTimeout(300);
            String url = "https://127.0.0.1:" + bait.getLocalPort() + "/frames/first.png";
            Lambda.ok("{\"operation\":\"image_to_video\",\"prompt\":\"Bring it to life\",\"inputs\":{\"image\":\"" + url
                    + "\"}}");
            Lambda.ok("{\"operation\":\"image_edit\",\"prompt\":\"Make it winter\",\"inputs\":{\"images\":[\"" + url
                    + "\",\"" + PIXEL + "\"]}}");

            assertEquals(
                    2,
                    sim.exchanges().stream()
                            .filter(e ->
                                    e.requestBody() != null && e.requestBody().contains(url))
                            .count(),
                    "xAI got the URL as it was given");
            assertThrows(SocketTimeoutException.class, bait::accept, "nothing connected to the user's URL");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.imagineflow.testing.InvalidRequests#hostileEvents")
    void aHostileEventIsRefusedByNameCostsNothingAndIsRecorded(InvalidRequests.Hostile bad) throws Exception {
        JsonPath error = Lambda.error(bad.body());

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        String message = error.getString("errorMessage");
        assertTrue(message.startsWith(bad.field() + ": ") && message.contains(bad.rule()), message);
        assertEquals(0, sim.ledger().snapshot().requestsByOperation().size(), "no call to xAI");
        assertTrue(DynamoDbLocalResource.items().isEmpty(), "nothing claimed");
        Lambda.ok("{\"operation\":\"image_generate\",\"prompt\":\"Still answering after " + bad.name() + "\"}");

        if (bad.json()) {
            ObjectNode caught = json.createObjectNode();
            caught.putObject("failure")
                    .put("Error", "io.imagineflow.job.JobInvalid")
                    .put("Cause", json.writeValueAsString(error.getMap("")));
            caught.set("event", json.readTree(bad.body()));
            JobRecord record = failures.finish(caught);

            JobRecord stored = store.find(record.jobId()).orElseThrow();
            assertEquals("failed", stored.status().id());
            assertEquals(ErrorCode.JOB_INVALID, stored.error().code());
            assertEquals(message, stored.error().message());
        }
    }
}
