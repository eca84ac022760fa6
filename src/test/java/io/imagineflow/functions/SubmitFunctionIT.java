package io.imagineflow.functions;

import io.imagineflow.sim.Fault;
import io.imagineflow.sim.Route;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Fixtures;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code submit} as built: the packaged artifact (the JVM jar in {@code mvn verify}, the native executable with
 * {@code -Dnative}) polls the Lambda mock event server, with the xAI simulator, DynamoDB Local and the S3
 * stand-in behind it. Every example event of {@code infra/events} goes in as it would on AWS.
 */
@QuarkusIntegrationTest
@TestProfile(Profiles.Submit.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class SubmitFunctionIT {

    private final XaiSimulator sim = XaiSimulatorResource.simulator();

    @BeforeEach
    void clean() {
        sim.reset();
        sim.preload(Path.of("infra", "local", "media", "files"));
        DynamoDbLocalResource.clear();
        AwsStubsResource.resetExampleInputs();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "plain-request.json",
                "apigateway-http-v2.json",
                "apigateway-http-v2-base64.json",
                "apigateway-rest-v1.json",
                "eventbridge-job.json",
                "eventbridge-s3-object-created.json",
                "s3-notification.json",
                "sqs-records.json",
                "sqs-pipes-eventbridge.json",
                "cloudevent.json",
                "operations/image-generate.json",
                "operations/image-edit.json",
                "operations/image-edit-several.json",
                "operations/text-to-video.json",
                "operations/image-to-video.json",
                "operations/reference-to-video.json",
                "operations/video-edit.json",
                "operations/video-extend.json"
            })
    void everyExampleEventStartsOneGeneration(String example) {
        JsonPath state = Lambda.ok(Fixtures.text("events/" + example));

        assertEquals("pending", state.getString("status"));
        assertNotNull(state.getString("xaiRequestId"));
        assertTrue(state.getInt("nextPollSeconds") >= 1);
        assertEquals(1, generations(), "one generation started at xAI");
        Map<String, AttributeValue> item =
                DynamoDbLocalResource.item(state.getString("jobId")).orElseThrow();
        assertEquals("running", item.get("status").s());
        assertEquals(state.getString("xaiRequestId"), item.get("xaiRequestId").s());
    }

    @Test
    void aJobThatDeliversSendsXaiUploadUrlsThatTheBucketTakes() throws Exception {
        JsonPath state = Lambda.ok("{\"operation\":\"image_generate\",\"prompt\":\"Two foxes\",\"options\":{\"n\":2},"
                + "\"deliver_to\":\"s3://imagine-outputs/outputs/\"}");

        assertEquals("s3://imagine-outputs/outputs/", state.getString("deliverTo"));
        assertEquals(2, state.getInt("expectedOutputs"));
        var urls = sim.exchanges().stream()
                .filter(e -> e.route() == Route.GENERATE_IMAGE)
                .findFirst()
                .orElseThrow()
                .requestJson()
                .at("/output/upload_urls");
        assertEquals(2, urls.size());
        // The artifact signed them (natively, with -Dnative): the signature-checking S3 server takes a PUT.
        String key = "outputs/" + state.getString("jobId") + "/1.jpg";
        assertTrue(urls.get(1).asText().contains(key), urls.get(1).asText());
        var put = (java.net.HttpURLConnection)
                java.net.URI.create(urls.get(1).asText()).toURL().openConnection();
        put.setRequestMethod("PUT");
        put.setDoOutput(true);
        put.setRequestProperty("Content-Type", "image/jpeg");
        try (var out = put.getOutputStream()) {
            out.write(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
        }
        assertEquals(200, put.getResponseCode());
        assertTrue(AwsStubsResource.s3().get("imagine-outputs", key).isPresent());
    }

    @Test
    void aSecondDeliveryGetsTheSameJobAndStartsNothing() {
        String event = Fixtures.text("events/eventbridge-job.json");
        JsonPath first = Lambda.ok(event);
        JsonPath second = Lambda.ok(event);

        assertEquals(first.getString("xaiRequestId"), second.getString("xaiRequestId"));
        assertTrue(second.getBoolean("duplicate"));
        assertEquals(1, generations());
    }

    @Test
    void aBadRequestIsRefusedByNameWithItsFieldAndCostsNothing() {
        JsonPath error =
                Lambda.error(Fixtures.text("events/eventbridge-job.json").replace("\"1:1\"", "\"7:5\""));

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        assertTrue(
                error.getString("errorMessage").startsWith("detail.options.aspect_ratio: must be one of"),
                error.getString("errorMessage"));
        assertEquals(0, generations());
        assertTrue(DynamoDbLocalResource.items().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"operation\":\"image_generate\",\"operation\":\"video_edit\",\"prompt\":\"x\"} | event: has the key \"operation\" twice",
                "{\"operation\":\"image_generate\",\"prompt\":\"x\",\"tags\":DEEP} | event.tags[0]",
                "{\"operation\":\"image_generate\",\"prompt\":\"x\",\"options\":{\"n\":LONG}} | event.options.n: is a number of 10000"
            })
    void anEventThatBreaksJsonOrItsBoundsIsRefusedByFieldThroughTheArtifactsOwnDoor(String event, String expected) {
        String body = event.replace("DEEP", "[".repeat(1001) + "]".repeat(1001)).replace("LONG", "7".repeat(10_000));

        JsonPath error = Lambda.error(body);

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        assertTrue(error.getString("errorMessage").startsWith(expected), error.getString("errorMessage"));
        assertEquals(0, generations());
    }

    @Test
    void aThrottledXaiQueuesTheJobBehindItsRetryAfterAndTheClaimIsReleased() {
        sim.inject(Fault.THROTTLED, Route.GENERATE_IMAGE, 100);

        JsonPath queued = Lambda.ok(Fixtures.text("events/cloudevent.json"));

        // The 429 held the model's start slots back; the job waits for one in the state machine, not in a Retry.
        assertEquals("queued", queued.getString("status"));
        assertTrue(queued.getString("queue.slot") != null, "it holds a slot behind the hold");
        assertTrue(DynamoDbLocalResource.items().isEmpty(), "the job may be claimed again when it comes back");
        assertEquals(0, sim.ledger().billedTicks());
    }

    private long generations() {
        return sim.ledger().generationRequests();
    }
}
