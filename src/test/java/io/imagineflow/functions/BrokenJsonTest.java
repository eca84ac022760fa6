package io.imagineflow.functions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.CaughtFailures;
import io.imagineflow.events.EventJson;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobStore;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events that break JSON itself or the bounds every event keeps (too deep, too many keys, a number of 10,000
 * digits, invalid UTF-8, a key twice): each is refused by submit as {@code JobInvalid} naming the field and the
 * rule, with no library name in sight, costs nothing, and leaves the function answering; and the failure path,
 * read as finalize's door reads it, leaves a failed record. Events are written as text (never through a
 * mapper): a mapper would refuse or tidy the very thing under test.
 */
@QuarkusTest
@TestProfile(Profiles.Submit.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class BrokenJsonTest {

    private final XaiSimulator sim = XaiSimulatorResource.simulator();

    @Inject
    CaughtFailures failures;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper json;

    record Broken(String name, byte[] event, String field, String rule, boolean carried) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Broken broken(String name, String event, String field, String rule) {
        return new Broken(name, event.getBytes(StandardCharsets.UTF_8), field, rule, true);
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String request(String extra) {
        return "{\"operation\":\"image_generate\",\"prompt\":\"x\"," + extra + "}";
    }

    static Stream<Broken> events() {
        String sqsDuplicate = "{\"Records\":[{\"messageId\":\"m-1\",\"eventSource\":\"aws:sqs\",\"body\":"
                + "\"{\\\"operation\\\":\\\"image_generate\\\",\\\"prompt\\\":\\\"x\\\",\\\"prompt\\\":\\\"y\\\"}\"}]}";
        String apiDuplicate = "{\"version\":\"2.0\",\"routeKey\":\"POST /jobs\",\"requestContext\":{\"requestId\":"
                + "\"r-1\"},\"body\":\"{\\\"operation\\\":\\\"image_generate\\\",\\\"operation\\\":\\\"video_edit\\\","
                + "\\\"prompt\\\":\\\"x\\\"}\"}";
        String tooManyKeys = IntStream.range(0, 300)
                .mapToObj(i -> "\"k" + i + "\":\"v\"")
                .collect(Collectors.joining(",", "\"tags\":{", "}"));
        ByteArrayOutputStream badUtf8 = new ByteArrayOutputStream();
        badUtf8.writeBytes("{\"operation\":\"image_generate\",\"prompt\":\"caf".getBytes(StandardCharsets.UTF_8));
        badUtf8.write(0xC3);
        badUtf8.write(0x28);
        badUtf8.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return Stream.of(
                broken(
                        "1,001 levels deep",
                        request("\"tags\":" + nested(1001)),
                        "event.tags" + "[0]".repeat(31),
                        "nests deeper than 32 levels"),
                broken(
                        "100,000 levels deep",
                        request("\"tags\":" + nested(100_000)),
                        "event.tags" + "[0]".repeat(31),
                        "nests deeper than 32 levels"),
                broken(
                        "a number of 10,000 digits",
                        request("\"options\":{\"n\":" + "7".repeat(10_000) + "}"),
                        "event.options.n",
                        "is a number of 10000 characters"),
                broken("300 keys in one object", request(tooManyKeys), "event.tags", "has 300 keys"),
                broken(
                        "a key of 5,000 characters",
                        request("\"" + "k".repeat(5000) + "\":1"),
                        "event",
                        "has a key of 5000 characters"),
                broken(
                        "a string of 300,000 characters",
                        request("\"user\":\"" + "u".repeat(300_000) + "\""),
                        "event",
                        "bytes, over the 262144 bytes"),
                broken(
                        "the operation twice",
                        "{\"operation\":\"image_generate\",\"operation\":\"video_edit\"," + "\"prompt\":\"x\"}",
                        "event",
                        "has the key \"operation\" twice"),
                broken(
                        "a key twice in inputs",
                        "{\"operation\":\"image_edit\",\"prompt\":\"x\",\"inputs\":{\"image\":"
                                + "\"file_a\",\"image\":\"file_b\"}}",
                        "event",
                        "has the key \"image\" twice"),
                broken("a key twice in an SQS body", sqsDuplicate, "Records[0].body", "has the key \"prompt\" twice"),
                broken("a key twice in an API body", apiDuplicate, "body", "has the key \"operation\" twice"),
                new Broken("invalid UTF-8", badUtf8.toByteArray(), "event", "is not valid JSON (Invalid UTF-8", false));
    }

    @BeforeEach
    void clean() {
        sim.reset();
        DynamoDbLocalResource.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void aBrokenEventIsRefusedByFieldAndRuleCostsNothingAndIsRecorded(Broken bad) throws Exception {
        JsonPath error = Lambda.error(bad.event());

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        String message = error.getString("errorMessage");
        assertTrue(message.startsWith(bad.field() + ": ") && message.contains(bad.rule()), message);
        assertFalse(
                message.contains("jackson") || message.contains("`") || message.contains("Exception"),
                "no library name: " + message);
        assertEquals(0, sim.ledger().snapshot().requestsByOperation().size(), "no call to xAI");
        assertTrue(DynamoDbLocalResource.items().isEmpty(), "nothing claimed");
        Lambda.ok("{\"operation\":\"image_generate\",\"prompt\":\"Still answering after " + bad.name() + "\"}");

        if (bad.carried()) {
            JsonNode caught = readAsFinalize(("{\"failure\":{\"Error\":\"io.imagineflow.job.JobInvalid\",\"Cause\":"
                            + json.writeValueAsString(json.writeValueAsString(error.getMap(""))) + "},\"event\":"
                            + new String(bad.event(), StandardCharsets.UTF_8) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            JobRecord record = failures.finish(caught);

            JobRecord stored = store.find(record.jobId()).orElseThrow();
            assertEquals("failed", stored.status().id());
            assertEquals(ErrorCode.JOB_INVALID, stored.error().code());
            assertEquals(message, stored.error().message());
        }
    }

    /** RecordFailure's payload read as finalize's Lambda mapper reads it. */
    private JsonNode readAsFinalize(byte[] payload) throws Exception {
        ObjectMapper finalizeDoor = json.copy();
        JsonFactory factory = finalizeDoor.getFactory();
        EventJson.configure(factory, false);
        return finalizeDoor.readTree(payload);
    }
}
