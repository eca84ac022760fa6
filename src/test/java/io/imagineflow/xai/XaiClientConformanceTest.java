package io.imagineflow.xai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.sim.Route;
import io.imagineflow.sim.SimExchange;
import io.imagineflow.sim.SimMedia;
import io.imagineflow.sim.SimulatorOptions;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.xai.wire.AudioUrl;
import io.imagineflow.xai.wire.EditImageRequest;
import io.imagineflow.xai.wire.EditVideoRequest;
import io.imagineflow.xai.wire.ExtendVideoRequest;
import io.imagineflow.xai.wire.GenerateImageRequest;
import io.imagineflow.xai.wire.GenerateVideoRequest;
import io.imagineflow.xai.wire.ImageOutput;
import io.imagineflow.xai.wire.Media;
import io.imagineflow.xai.wire.PublicUrl;
import io.imagineflow.xai.wire.StorageOptions;
import io.imagineflow.xai.wire.VideoKeyframe;
import io.imagineflow.xai.wire.XaiFile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives every operation of the client against the simulator, then checks each request the client sent and
 * each answer the simulator gave against xAI's OpenAPI document, and that all 18 operations were exercised.
 */
@QuarkusTest
@QuarkusTestResource(XaiSimulatorResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class XaiClientConformanceTest {

    private static final String MODEL_IMAGE = "grok-imagine-image";
    private static final String MODEL_VIDEO = "grok-imagine-video";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    XaiClient client;

    @TempDir
    static Path dir;

    static XaiSimulator sim() {
        return XaiSimulatorResource.simulator();
    }

    @BeforeAll
    static void cleanSlate() {
        sim().reset();
    }

    @Test
    @Order(1)
    void everyImageOperationWorksWithEveryKindOfInput() throws Exception {
        XaiFile stored = upload("dog.png", SimMedia.image("input", "png"));
        String dataUri =
                "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(SimMedia.image("input", "png"));

        GenerationStatus generated = client.generateImage(GenerateImageRequest.of(MODEL_IMAGE, "a city at night")
                .withStorage(new StorageOptions("city.jpg", 7200L, PublicUrl.expiringAfter(3600))));
        GenerationStatus.Done done = assertInstanceOf(GenerationStatus.Done.class, generated);
        assertNotNull(done.outputs().get(0).stored().publicUrl());

        GenerationStatus b64 = client.generateImage(new GenerateImageRequest(
                "a b64 city", MODEL_IMAGE, 2, "b64_json", "16:9", "1k", "user-1", null, null, null));
        assertEquals(2, ((GenerationStatus.Done) b64).outputs().size());

        String deferred = client.startImageGeneration(new GenerateImageRequest(
                "a deferred city",
                MODEL_IMAGE,
                1,
                "url",
                "auto",
                "2k",
                null,
                StorageOptions.named("later.jpg"),
                null,
                new ImageOutput(List.of("https://uploads.example.com/signed/1"))));
        assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.imageStatus(deferred)));

        GenerationStatus single =
                client.editImage(EditImageRequest.ofOne(MODEL_IMAGE, "add a party hat", Media.ofFileId(stored.id())));
        assertInstanceOf(GenerationStatus.Done.class, single);

        String multi = client.startImageEdit(EditImageRequest.ofMany(
                        "grok-imagine-image-quality",
                        "blend <IMAGE_0> with <IMAGE_1> and <IMAGE_2>",
                        List.of(
                                Media.ofFileId(stored.id()),
                                Media.ofUrl("https://example.com/scene-b.jpg"),
                                Media.ofUrl(dataUri)))
                .withStorage(StorageOptions.named("blend.png")));
        GenerationStatus.Done blended =
                assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.imageStatus(multi)));
        assertEquals("image/png", blended.outputs().get(0).mimeType());
    }

    @Test
    @Order(2)
    void everyVideoOperationWorksAndChainsByFileId() throws Exception {
        XaiFile frame = upload("frame.jpg", SimMedia.image("input", "jpeg"));
        String text = client.startVideoGeneration(new GenerateVideoRequest(
                "a sunrise",
                MODEL_VIDEO,
                4,
                "16:9",
                "720p",
                null,
                null,
                null,
                null,
                "user-2",
                new StorageOptions("sunrise.mp4", null, PublicUrl.of(true)),
                null));
        GenerationStatus.Done sunrise =
                assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.videoStatus(text)));
        String sunriseFile = sunrise.outputs().get(0).stored().fileId();

        String i2v = client.startVideoGeneration(
                GenerateVideoRequest.fromImage(MODEL_VIDEO, "pan across", 5, Media.ofFileId(frame.id())));
        assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.videoStatus(i2v)));

        String r2v = client.startVideoGeneration(new GenerateVideoRequest(
                "<IMAGE_1> walks in <IMAGE_2>",
                "grok-imagine-video-1.5",
                10,
                "9:16",
                "720p",
                null,
                List.of(Media.ofFileId(frame.id()), Media.ofUrl("https://example.com/dress.jpg")),
                List.of(AudioUrl.voice("ara")),
                null,
                null,
                StorageOptions.named("walk.mp4"),
                null));
        assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.videoStatus(r2v)));

        String keyed = client.startVideoGeneration(new GenerateVideoRequest(
                "keyframed",
                MODEL_VIDEO,
                6,
                null,
                null,
                null,
                null,
                null,
                List.of(new VideoKeyframe(Media.ofFileId(frame.id()), 2.5f)),
                null,
                null,
                null));
        assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.videoStatus(keyed)));

        String edit = client.startVideoEdit(EditVideoRequest.of(MODEL_VIDEO, "add rain", Media.ofFileId(sunriseFile))
                .withStorage(StorageOptions.named("rain.mp4")));
        GenerationStatus.Done rain =
                assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.videoStatus(edit)));

        String extend = client.startVideoExtension(ExtendVideoRequest.of(
                MODEL_VIDEO,
                "keep walking",
                Media.ofFileId(rain.outputs().get(0).stored().fileId()),
                3));
        GenerationStatus.Done extended =
                assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.videoStatus(extend)));
        assertEquals(7, extended.outputs().get(0).durationSeconds(), "4 s input + 3 s extension");

        String byUrl = client.startVideoExtension(
                ExtendVideoRequest.of(MODEL_VIDEO, "more", Media.ofUrl("https://example.com/clip.mp4"), null));
        assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.videoStatus(byUrl)));
    }

    @Test
    @Order(3)
    void everyModelAndFileOperationWorks() throws Exception {
        assertTrue(client.imageModels().stream().anyMatch(m -> m.id().equals(MODEL_IMAGE)));
        assertEquals(
                "grok-imagine-image-quality",
                client.imageModel("grok-imagine-image-pro").id());
        assertTrue(client.videoModels().stream().anyMatch(m -> m.id().equals(MODEL_VIDEO)));
        assertEquals(
                "grok-imagine-video-1.5",
                client.videoModel("grok-imagine-video-1.5-preview").id());

        XaiFile file = upload("kept.png", SimMedia.image("input", "png"));
        assertEquals(file.id(), client.retrieveFile(file.id()).id());
        Path copy = dir.resolve("copy.png");
        assertEquals(file.bytes(), client.downloadFileContent(file.id(), copy));
        assertTrue(Arrays.equals(SimMedia.image("input", "png"), Files.readAllBytes(copy)));

        var url = client.createPublicUrl(file.id(), 3600L);
        assertEquals(url.publicUrl(), client.createPublicUrl(file.id(), null).publicUrl(), "one URL per file");
        var revoked = client.revokePublicUrl(file.id());
        assertTrue(revoked.revoked());
        assertEquals(false, client.revokePublicUrl(file.id()).revoked());

        assertTrue(client.listFiles(FileQuery.pagesOf(2).sorted("filename", "asc"))
                        .data()
                        .size()
                <= 2);
        assertEquals(
                1,
                client.listFiles(FileQuery.all().withFilter("filename=\"kept.png\""))
                        .data()
                        .size());
        assertTrue(client.deleteFile(file.id()).deleted());
    }

    @Test
    @Order(4)
    void listingAllFilesFollowsBothPaginationConventions() throws Exception {
        for (int i = 0; i < 5; i++) {
            upload("page-" + i + ".png", SimMedia.image("input", "png"));
        }
        int total = client.listFiles(FileQuery.pagesOf(100)).data().size();
        assertTrue(total >= 5);
        SimulatorOptions original = sim().options();
        try {
            sim().configure(original.withTokenOnLastPage(true)); // the OpenAPI document's way
            assertEquals(total, client.listAllFiles(FileQuery.pagesOf(2)).size());
            assertEquals(total, client.listAllFiles(FileQuery.pagesOf(total)).size(), "a full last page");
            sim().configure(original.withTokenOnLastPage(false)); // the proto's way
            assertEquals(total, client.listAllFiles(FileQuery.pagesOf(2)).size());
            assertEquals(total, client.listAllFiles(FileQuery.pagesOf(total)).size(), "a full last page");
        } finally {
            sim().configure(original);
        }
    }

    @Test
    @Order(5)
    void uploadSendsExpiryBeforeTheFilePart() throws Exception {
        XaiFile file = upload("expiring.png", SimMedia.image("input", "png"), 3600L);
        assertNotNull(file.expiresAt());
        SimExchange upload = sim().exchanges().stream()
                .filter(e -> e.route() == Route.UPLOAD_FILE)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertEquals(200, upload.status());
    }

    @AfterAll
    static void everyExchangeConformsToTheOpenApiDocument() throws Exception {
        List<String> problems = new ArrayList<>();
        for (SimExchange exchange : sim().exchanges()) {
            JsonNode request = exchange.requestBody() == null ? null : JSON.readTree(exchange.requestBody());
            if (exchange.route().requestSchema != null) {
                sim().contract()
                        .violations(exchange.route().requestSchema, request)
                        .forEach(v -> problems.add("request " + exchange.path() + ": " + v));
            }
            String responseSchema = sim().contract().responseSchema(exchange.route(), exchange.status(), request);
            if (responseSchema != null && exchange.responseBody() != null) {
                sim().contract()
                        .violations(responseSchema, JSON.readTree(exchange.responseBody()))
                        .forEach(v -> problems.add("response " + exchange.path() + ": " + v));
            }
            if (exchange.status() >= 400) {
                problems.add(exchange.status() + " from " + exchange.path() + ": " + exchange.responseBody());
            }
        }
        assertEquals(List.of(), problems);
        Set<String> exercised = sim().exchanges().stream()
                .map(e -> e.route().operationId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> all =
                Arrays.stream(Route.values()).map(r -> r.operationId).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(sim().contract().operationCount(), all.size(), "the simulator routes every documented operation");
        assertEquals(all, exercised, "every operation was exercised");
    }

    private XaiFile upload(String name, byte[] bytes) throws Exception {
        return upload(name, bytes, null);
    }

    private XaiFile upload(String name, byte[] bytes, Long ttl) throws Exception {
        Path file = Files.write(dir.resolve(name), bytes);
        return client.uploadFile(file, name, name.endsWith(".png") ? "image/png" : "image/jpeg", ttl);
    }

    static GenerationStatus waitFor(java.util.function.Supplier<GenerationStatus> poll) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        GenerationStatus status = poll.get();
        while (!status.terminal() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = poll.get();
        }
        return status;
    }
}
