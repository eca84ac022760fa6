package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagineflow.sim.Route;
import io.imagineflow.sim.SimMedia;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The source documents' scenarios, each run as the state machine runs it: submit, poll until the job ends,
 * finalize. The three functions are called with JSON in and JSON out, as Lambda calls them; one Quarkus
 * instance serves all three here, where a Lambda exports one.
 */
@QuarkusTest
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class ScenarioTest {

    private final XaiSimulator sim = XaiSimulatorResource.simulator();

    @Inject
    FunctionFlow flow;

    @BeforeEach
    void clean() {
        sim.reset();
        DynamoDbLocalResource.clear();
    }

    @Test
    void editAStoredImageByFileId() throws Exception {
        String stored = upload(SimMedia.image("cake", "png"), "cake.png", "image/png");

        JsonNode record = run("{\"operation\":\"image_edit\",\"model\":\"grok-imagine-image-quality\","
                + "\"prompt\":\"Add a party hat\",\"inputs\":{\"image\":{\"file_id\":\"" + stored + "\"}}}");

        succeeded(record, "image_edit");
        assertEquals(stored, sent(Route.EDIT_IMAGE).get("image").get("file_id").asText());
    }

    @Test
    void blendTwoImagesOneByFileIdAndOneByUrl() throws Exception {
        String stored = upload(SimMedia.image("cat", "jpeg"), "cat.jpg", "image/jpeg");

        JsonNode record = run("{\"operation\":\"image_edit\",\"prompt\":\"Put <IMAGE_0> on the sofa of <IMAGE_1>\","
                + "\"inputs\":{\"images\":[{\"file_id\":\"" + stored + "\"},"
                + "{\"url\":\"https://example.com/living-room.jpg\"}]},\"options\":{\"aspect_ratio\":\"4:3\"}}");

        succeeded(record, "image_edit");
        JsonNode images = sent(Route.EDIT_IMAGE).get("images");
        assertEquals(stored, images.get(0).get("file_id").asText());
        assertEquals(
                "https://example.com/living-room.jpg", images.get(1).get("url").asText());
    }

    @Test
    void imageToVideoFromAStoredFirstFrame() throws Exception {
        String frame = upload(SimMedia.image("harbour at dusk", "png"), "frame.png", "image/png");

        JsonNode record = run("{\"operation\":\"image_to_video\",\"prompt\":\"The boats drift\","
                + "\"inputs\":{\"image\":\"" + frame + "\"},\"options\":{\"duration\":5}}");

        succeeded(record, "image_to_video");
        assertEquals("video/mp4", record.at("/outputs/0/mediaType").asText());
        assertEquals(
                frame, sent(Route.GENERATE_VIDEO).get("image").get("file_id").asText());
    }

    @Test
    void editAStoredVideo() throws Exception {
        String clip = upload(SimMedia.video(), "clip.mp4", "video/mp4");

        JsonNode record = run("{\"operation\":\"video_edit\",\"prompt\":\"Make it snow\","
                + "\"inputs\":{\"video\":{\"file_id\":\"" + clip + "\"}},\"storage\":{\"filename\":\"snow.mp4\"}}");

        succeeded(record, "video_edit");
        assertTrue(record.at("/outputs/0/fileId").asText().startsWith("file_"));
    }

    @Test
    void extendAStoredVideo() throws Exception {
        String clip = upload(SimMedia.video(), "clip.mp4", "video/mp4");

        JsonNode record = run("{\"operation\":\"video_extend\",\"prompt\":\"The camera keeps rising\","
                + "\"inputs\":{\"video\":\"" + clip + "\"},\"options\":{\"duration\":4}}");

        succeeded(record, "video_extend");
        assertEquals(4, sent(Route.EXTEND_VIDEO).get("duration").asInt());
    }

    @Test
    void referenceToVideoWithMixedUrlAndFileIdReferences() throws Exception {
        String hero = upload(SimMedia.image("hero", "png"), "hero.png", "image/png");

        JsonNode record = run("{\"operation\":\"reference_to_video\",\"prompt\":\"<IMAGE_1> walks through <IMAGE_2>\","
                + "\"inputs\":{\"reference_images\":[\"" + hero + "\",\"https://example.com/forest.png\"]},"
                + "\"options\":{\"duration\":10,\"resolution\":\"720p\"}}");

        succeeded(record, "reference_to_video");
        JsonNode references = sent(Route.GENERATE_VIDEO).get("reference_images");
        assertEquals(hero, references.get(0).get("file_id").asText());
        assertEquals(
                "https://example.com/forest.png", references.get(1).get("url").asText());
    }

    @Test
    void textToVideo() throws Exception {
        succeeded(
                run("{\"operation\":\"text_to_video\",\"prompt\":\"Waves at night\",\"options\":{\"duration\":6,"
                        + "\"aspect_ratio\":\"9:16\"}}"),
                "text_to_video");
    }

    @Test
    void theChainGenerateEditAnimateWithoutADownloadOrAnUpload() throws Exception {
        JsonNode city = run("{\"operation\":\"image_generate\",\"model\":\"grok-imagine-image-quality\","
                + "\"prompt\":\"A futuristic city skyline at night\",\"storage\":{\"filename\":\"city.jpg\"}}");
        succeeded(city, "image_generate");
        String cityFile = city.at("/outputs/0/fileId").asText();

        JsonNode neon = run("{\"operation\":\"image_edit\",\"model\":\"grok-imagine-image-quality\","
                + "\"prompt\":\"Add neon signs to the buildings\",\"inputs\":{\"image\":{\"file_id\":\"" + cityFile
                + "\"}},\"storage\":{\"filename\":\"city-neon.jpg\"}}");
        succeeded(neon, "image_edit");
        String neonFile = neon.at("/outputs/0/fileId").asText();

        JsonNode video = run("{\"operation\":\"image_to_video\",\"prompt\":\"A camera pulls back through the city\","
                + "\"inputs\":{\"image\":{\"file_id\":\"" + neonFile + "\"}},\"options\":{\"duration\":5}}");
        succeeded(video, "image_to_video");

        assertEquals(3, DynamoDbLocalResource.items().size(), "every step recorded");
        assertEquals(0, sim.ledger().requests(Route.UPLOAD_FILE), "no upload");
        assertEquals(0, sim.ledger().requests(Route.FILE_CONTENT), "no download");
        assertEquals(
                neonFile, sent(Route.GENERATE_VIDEO).get("image").get("file_id").asText());
    }

    private JsonNode run(String event) throws Exception {
        return flow.run(event, 200);
    }

    private static void succeeded(JsonNode record, String operation) {
        assertEquals("succeeded", record.get("status").asText(), record.toString());
        assertEquals(operation, record.get("operation").asText());
        assertTrue(record.at("/cost/usdTicks").asLong() > 0);
        assertTrue(DynamoDbLocalResource.item(record.get("jobId").asText()).isPresent());
    }

    private JsonNode sent(Route route) {
        return sim.exchanges().stream()
                .filter(e -> e.route() == route)
                .reduce((a, b) -> b)
                .orElseThrow()
                .requestJson();
    }

    private String upload(byte[] bytes, String filename, String mediaType) throws Exception {
        return flow.upload(bytes, filename, mediaType);
    }
}
