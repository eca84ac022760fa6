package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.sim.Fault;
import io.imagineflow.sim.Route;
import io.imagineflow.sim.SimMedia;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.S3Server;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery to the user's bucket as the state machine runs it (submit, poll, finalize), with the simulator
 * uploading to the presigned URLs as xAI does and a real S3 API checking their signatures: every operation
 * lands in S3 by xAI's own PUT; a refused or broken PUT is made good by finalize's copy; a start whose answer
 * was lost is recovered from the bucket.
 */
@QuarkusTest
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class DeliveryScenarioTest {

    private static final String DELIVER = ",\"deliver_to\":\"s3://imagine-outputs/outputs/\"}";

    private final XaiSimulator sim = XaiSimulatorResource.simulator();

    @Inject
    FunctionFlow flow;

    @BeforeEach
    void clean() {
        sim.reset();
        DynamoDbLocalResource.clear();
        AwsStubsResource.resetExampleInputs();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"operation\":\"image_generate\",\"prompt\":\"A lighthouse\",\"options\":{\"n\":2}",
                "{\"operation\":\"image_generate\",\"model\":\"grok-imagine-image-quality\",\"prompt\":\"A lighthouse\","
                        + "\"storage\":{\"filename\":\"lighthouse.png\"}",
                "{\"operation\":\"image_edit\",\"prompt\":\"Add snow\",\"inputs\":{\"image\":\"FILE_IMAGE\"}",
                "{\"operation\":\"image_edit\",\"prompt\":\"<IMAGE_0> beside <IMAGE_1>\",\"inputs\":{\"images\":"
                        + "[\"FILE_IMAGE\",\"https://example.com/b.png\"]}",
                "{\"operation\":\"text_to_video\",\"prompt\":\"Waves\",\"options\":{\"duration\":4}",
                "{\"operation\":\"image_to_video\",\"prompt\":\"Drift\",\"inputs\":{\"image\":\"FILE_IMAGE\"}",
                "{\"operation\":\"reference_to_video\",\"prompt\":\"<IMAGE_1> walks\","
                        + "\"inputs\":{\"reference_images\":[\"FILE_IMAGE\"]}",
                "{\"operation\":\"video_edit\",\"prompt\":\"Night\",\"inputs\":{\"video\":\"FILE_VIDEO\"}",
                "{\"operation\":\"video_extend\",\"prompt\":\"Rise\",\"inputs\":{\"video\":\"FILE_VIDEO\"}"
            })
    void everyOperationLandsInTheBucketByXaisOwnUpload(String request) throws Exception {
        String event = request.replace("FILE_IMAGE", upload(SimMedia.image("in", "png"), "in.png", "image/png"))
                        .replace("FILE_VIDEO", upload(SimMedia.video(), "in.mp4", "video/mp4"))
                + DELIVER;

        JsonNode record = run(event);

        assertEquals("succeeded", record.get("status").asText(), record.toString());
        String jobId = record.get("jobId").asText();
        assertEquals("s3://imagine-outputs/outputs/", record.get("deliverTo").asText());
        for (int i = 0; i < record.get("outputs").size(); i++) {
            JsonNode out = record.get("outputs").get(i);
            String type = out.get("mediaType").asText();
            String ext = type.equals("video/mp4") ? "mp4" : type.equals("image/png") ? "png" : "jpg";
            assertEquals("xai_upload", out.get("deliveredBy").asText(), out.toString());
            assertEquals("imagine-outputs", out.at("/s3/bucket").asText());
            assertEquals(
                    "outputs/" + jobId + "/" + i + "." + ext, out.at("/s3/key").asText());
            assertEquals(type, out.at("/s3/contentType").asText());
            assertTrue(out.at("/s3/bytes").asLong() > 0);
            assertTrue(out.at("/s3/etag").asText().length() > 2);
            assertTrue(s3().get("imagine-outputs", out.at("/s3/key").asText()).isPresent());
        }
        assertEquals(0, sim.ledger().mediaServedBytes(), "no media byte passed through a function");
        assertEquals(
                record.get("outputs").size(),
                sim.ledger().uploads("uploaded"),
                "xAI's PUTs were taken by S3 with their signatures");
    }

    @Test
    void aRefusedUploadIsMadeGoodByACopy() throws Exception {
        sim.inject(Fault.UPLOAD_REFUSED, Route.GENERATE_VIDEO, 1);

        JsonNode record = run("{\"operation\":\"text_to_video\",\"prompt\":\"Rain\"" + DELIVER);

        assertEquals("succeeded", record.get("status").asText(), record.toString());
        JsonNode out = record.at("/outputs/0");
        assertEquals("copied", out.get("deliveredBy").asText());
        assertEquals(1, sim.ledger().uploads("refused"), "S3 refused the PUT whose signature was broken");
        byte[] stored = s3().get("imagine-outputs", out.at("/s3/key").asText()).orElseThrow();
        assertArrayEquals(SimMedia.video(), stored);
        assertEquals("video/mp4", out.at("/s3/contentType").asText());
    }

    @Test
    void anUploadCutOffHalfwayIsMadeGoodByACopy() throws Exception {
        sim.inject(Fault.UPLOAD_CUT_OFF, Route.GENERATE_IMAGE, 1);

        JsonNode record = run("{\"operation\":\"image_generate\",\"prompt\":\"Fog\"" + DELIVER);

        assertEquals("succeeded", record.get("status").asText(), record.toString());
        JsonNode out = record.at("/outputs/0");
        assertEquals("copied", out.get("deliveredBy").asText());
        byte[] stored = s3().get("imagine-outputs", out.at("/s3/key").asText()).orElseThrow();
        assertEquals(out.at("/s3/bytes").asLong(), stored.length);
        assertTrue(stored.length > 8 && stored[0] == (byte) 0xFF, "a whole JPEG, not half of one");
    }

    @Test
    void aStartWhoseAnswerWasLostIsRecoveredFromTheBucket() throws Exception {
        sim.inject(Fault.MALFORMED_BODY, Route.GENERATE_VIDEO, 1);

        JsonNode record = run("{\"operation\":\"text_to_video\",\"prompt\":\"Lost and found\"" + DELIVER);

        assertEquals("succeeded", record.get("status").asText(), record.toString());
        assertTrue(record.path("recovered").asBoolean(), record.toString());
        assertEquals(false, record.get("costKnown").asBoolean());
        assertTrue(record.get("cost") == null || record.get("cost").isNull());
        assertEquals("xai_upload", record.at("/outputs/0/deliveredBy").asText());
        assertEquals(1, sim.ledger().requests(Route.GENERATE_VIDEO), "started once");
        assertEquals(0, sim.ledger().requests(Route.GET_VIDEO), "nothing to ask xAI about");
    }

    @Test
    void withoutDeliverToNothingGoesToS3() throws Exception {
        JsonNode record = run("{\"operation\":\"text_to_video\",\"prompt\":\"Calm\"}");

        assertEquals("succeeded", record.get("status").asText());
        assertTrue(record.at("/outputs/0/s3").isMissingNode());
        assertTrue(s3().list("imagine-outputs", "outputs/").isEmpty());
        assertTrue(sim.exchanges().stream()
                .filter(e -> e.route() == Route.GENERATE_VIDEO)
                .allMatch(e -> e.requestJson().get("output") == null));
    }

    private static S3Server s3() {
        return AwsStubsResource.s3();
    }

    private JsonNode run(String event) throws Exception {
        return flow.run(event, 400);
    }

    private String upload(byte[] bytes, String filename, String mediaType) throws Exception {
        return flow.upload(bytes, filename, mediaType);
    }
}
