package io.imagineflow.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsJsonStub;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code finalize} as built (JVM jar, or the native executable with {@code -Dnative}): ended states and caught
 * failures go in as the state machine passes them; the record lands in DynamoDB Local, once, and the completion
 * event on the EventBridge stand-in.
 */
@QuarkusIntegrationTest
@TestProfile(Profiles.Finalize.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class FinalizeFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void clean() {
        DynamoDbLocalResource.clear();
        AwsStubsResource.json().clear();
    }

    @Test
    void aDoneJobIsRecordedOnceWithItsOutputAndCostAndAnnouncedOnce() {
        ObjectNode done = ended("it-final-done", "done");
        done.putArray("outputs")
                .addObject()
                .put("url", "https://imgen.x.ai/xai-imgen/xai-tmp-imgen-1.jpeg")
                .put("mediaType", "image/jpeg")
                .put("fileId", "file_0123456789abcdef")
                .put("filename", "bird.jpg");
        done.putObject("cost").put("usdTicks", 200_000_000L).put("usd", 0.02);

        JsonPath record = Lambda.ok(done.toString());
        JsonPath again = Lambda.ok(done.toString());

        assertEquals("succeeded", record.getString("status"));
        assertEquals("done", record.getString("outcome"));
        assertEquals("file_0123456789abcdef", record.getString("outputs[0].fileId"));
        assertEquals(200_000_000L, record.getLong("cost.usdTicks"));
        assertNotNull(record.getString("finishedAt"));
        assertEquals(record.getString("finishedAt"), again.getString("finishedAt"), "written once");
        Map<String, AttributeValue> item =
                DynamoDbLocalResource.item("it-final-done").orElseThrow();
        assertEquals("succeeded", item.get("status").s());
        assertNotNull(item.get("ttl"));
        assertEquals(1, AwsStubsResource.json().events().size(), "announced once");
        AwsJsonStub.Event event = AwsStubsResource.json().events().get(0);
        assertEquals("Imagine Job Succeeded", event.detailType());
        assertEquals("it-final-done", event.detail().get("jobId").asText());
    }

    @Test
    void aDoneJobThatDeliversIsCheckedInTheBucketAndWhatXaiDidNotUploadIsCopied() {
        AwsStubsResource.resetExampleInputs();
        String jobId = "it-final-delivered";
        // Output 0 was uploaded by xAI; output 1 was not, and is copied from its stored file at xAI.
        AwsStubsResource.s3()
                .put(
                        "imagine-outputs",
                        "outputs/" + jobId + "/0.jpg",
                        new byte[] {(byte) 0xFF, (byte) 0xD8, 1},
                        "image/jpeg",
                        Map.of());
        XaiSimulatorResource.simulator().preload(java.nio.file.Path.of("infra", "local", "media", "files"));
        String fileId = "file_example_portrait"; // a PNG
        ObjectNode done = ended(jobId, "done");
        done.put("operation", "image_generate").put("deliverTo", "s3://imagine-outputs/outputs/");
        var outputs = done.putArray("outputs");
        outputs.addObject().put("url", "https://imgen.x.ai/xai-imgen/0.jpeg").put("mediaType", "image/jpeg");
        outputs.addObject().put("fileId", fileId).put("mediaType", "image/png");

        JsonPath record = Lambda.ok(done.toString());

        assertEquals("succeeded", record.getString("status"), record.prettify());
        assertEquals("xai_upload", record.getString("outputs[0].deliveredBy"));
        assertEquals("copied", record.getString("outputs[1].deliveredBy"));
        assertEquals("outputs/" + jobId + "/1.png", record.getString("outputs[1].s3.key"));
        assertEquals("image/png", record.getString("outputs[1].s3.contentType"));
        assertTrue(AwsStubsResource.s3()
                .get("imagine-outputs", "outputs/" + jobId + "/1.png")
                .isPresent());
    }

    @Test
    void aModeratedJobIsRecordedAsFailedWithItsCost() {
        ObjectNode moderated = ended("it-final-moderated", "moderated");
        moderated.putObject("cost").put("usdTicks", 500_000_000L).put("usd", 0.05);
        moderated.putObject("error").put("code", "XaiModerated").put("message", "the output was moderated");

        JsonPath record = Lambda.ok(moderated.toString());

        assertEquals("failed", record.getString("status"));
        assertEquals("moderated", record.getString("outcome"));
        assertEquals("XaiModerated", record.getString("error.code"));
        assertEquals(500_000_000L, record.getLong("cost.usdTicks"));
        assertEquals(
                "Imagine Job Failed", AwsStubsResource.json().events().get(0).detailType());
    }

    @Test
    void aRefusedEventIsRecordedUnderTheJobIdItsEventWouldHaveHad() {
        JsonPath record = Lambda.ok(Fixtures.refusedEvent());

        assertTrue(record.getString("jobId").startsWith("eb-"));
        assertEquals("JobInvalid", record.getString("error.code"));
        assertEquals(Fixtures.REFUSED_MESSAGE, record.getString("error.message"));
        assertTrue(DynamoDbLocalResource.item(record.getString("jobId")).isPresent());
    }

    @Test
    void aPendingJobCannotBeFinalized() {
        JsonPath error = Lambda.error(ended("it-final-early", "pending").toString());

        assertEquals("io.imagineflow.job.JobInvalid", error.getString("errorType"));
        assertTrue(error.getString("errorMessage").startsWith("status: "), error.getString("errorMessage"));
        assertTrue(DynamoDbLocalResource.item("it-final-early").isEmpty());
    }

    /** A state as poll hands it on, ended with {@code status}. */
    private static ObjectNode ended(String jobId, String status) {
        Instant submitted = Instant.now().minusSeconds(20);
        return JSON.createObjectNode()
                .put("version", 1)
                .put("jobId", jobId)
                .put("operation", "image_generate")
                .put("model", "grok-imagine-image")
                .put("xaiRequestId", "req-" + jobId)
                .put("status", status)
                .put("polls", 2)
                .put("submittedAt", submitted.toString())
                .put("deadline", submitted.plusSeconds(3600).toString())
                .put("nextPollSeconds", 0);
    }
}
