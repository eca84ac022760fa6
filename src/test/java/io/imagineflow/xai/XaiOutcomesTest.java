package io.imagineflow.xai;

import io.imagineflow.sim.Fault;
import io.imagineflow.sim.Route;
import io.imagineflow.sim.SimMedia;
import io.imagineflow.sim.SimulatorOptions;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.xai.wire.EditImageRequest;
import io.imagineflow.xai.wire.EditVideoRequest;
import io.imagineflow.xai.wire.GenerateImageRequest;
import io.imagineflow.xai.wire.GenerateVideoRequest;
import io.imagineflow.xai.wire.Media;
import io.imagineflow.xai.wire.StorageOptions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.imagineflow.xai.XaiClientConformanceTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each outcome and each error the client maps, produced by the simulator over real HTTP. */
@QuarkusTest
@QuarkusTestResource(XaiSimulatorResource.class)
class XaiOutcomesTest {

    private static final String TEST_KEY = "xai-test-key-not-a-secret-0001";

    @Inject
    XaiClient client;

    @TempDir
    Path dir;

    XaiSimulator sim;
    SimulatorOptions original;

    @BeforeEach
    void freshSimulator() {
        sim = XaiSimulatorResource.simulator();
        sim.reset();
        original = sim.options();
    }

    @AfterEach
    void restoreSimulator() {
        sim.configure(original);
    }

    // --- outcomes -----------------------------------------------------------------------------------------

    @Test
    void aVideoIsPendingWithoutABodyThenWithProgressThenDone() throws Exception {
        sim.configure(original.withReadyAfter(Duration.ofMillis(150), Duration.ofMillis(600)));
        String id = client.startVideoGeneration(GenerateVideoRequest.fromText(null, "pending then done", 3));
        assertEquals(new GenerationStatus.Pending(null), client.videoStatus(id), "first answer: 202, no body");
        Thread.sleep(100);
        GenerationStatus.Pending second = assertInstanceOf(GenerationStatus.Pending.class, client.videoStatus(id));
        assertNotNull(second.progress());
        assertTrue(second.progress() > 0 && second.progress() < 100);
        GenerationStatus.Done done =
                assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.videoStatus(id)));
        assertEquals("video/mp4", done.outputs().get(0).mimeType());
        assertEquals(3, done.outputs().get(0).durationSeconds());
        assertEquals(sim.ledger().billedTicks("pending then done"), done.cost().ticks());
        assertEquals(new java.math.BigDecimal("0.15"), done.cost().usd(), "3 s at $0.05/s");
    }

    @Test
    void aDeferredImageIsPendingThenDoneWithItsStoredFile() throws Exception {
        String id = client.startImageGeneration(GenerateImageRequest.of("grok-imagine-image", "deferred stored")
                .withStorage(StorageOptions.named("kept.jpg")));
        assertInstanceOf(GenerationStatus.Pending.class, client.imageStatus(id));
        GenerationStatus.Done done =
                assertInstanceOf(GenerationStatus.Done.class, waitFor(() -> client.imageStatus(id)));
        GeneratedOutput.StoredFile stored = done.outputs().get(0).stored();
        assertEquals("kept.jpg", stored.filename());
        assertEquals(stored.fileId(), client.retrieveFile(stored.fileId()).id());
    }

    @Test
    void b64JsonImagesArriveBareAndDecodeToRealImages() throws Exception {
        GenerationStatus.Done done = (GenerationStatus.Done) client.generateImage(
                new GenerateImageRequest("b64", null, 1, "b64_json", null, null, null, null, null, null));
        GeneratedOutput output = done.outputs().get(0);
        assertNull(output.url());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(output.base64()))));
    }

    @Test
    void aFailedVideoCarriesXaisErrorCodeAndNoCost() throws Exception {
        sim.inject(Fault.FAILED, Route.GENERATE_VIDEO, 1);
        String id = client.startVideoGeneration(GenerateVideoRequest.fromText(null, "will fail", 2));
        GenerationStatus.Failed failed =
                assertInstanceOf(GenerationStatus.Failed.class, waitFor(() -> client.videoStatus(id)));
        assertEquals("internal_error", failed.code());
        assertEquals(0, failed.cost().ticks());
        assertEquals(0, sim.ledger().billedTicks("will fail"));
    }

    @Test
    void aFailedDeferredImageCarriesXaisErrorCode() throws Exception {
        sim.inject(Fault.FAILED, Route.GENERATE_IMAGE, 1);
        String id = client.startImageGeneration(GenerateImageRequest.of(null, "image will fail"));
        assertEquals(
                "internal_error",
                assertInstanceOf(GenerationStatus.Failed.class, waitFor(() -> client.imageStatus(id)))
                        .code());
    }

    @Test
    void anExpiredVideoIsExpired() throws Exception {
        sim.inject(Fault.EXPIRED, Route.EDIT_VIDEO, 1);
        String id = client.startVideoEdit(EditVideoRequest.of(null, "expire", Media.ofUrl("https://x.example/a.mp4")));
        assertInstanceOf(GenerationStatus.Expired.class, waitFor(() -> client.videoStatus(id)));
    }

    @Test
    void anExpiredImageIsExpired() throws Exception {
        sim.inject(Fault.EXPIRED, Route.EDIT_IMAGE, 1);
        String id =
                client.startImageEdit(EditImageRequest.ofOne(null, "expire", Media.ofUrl("https://x.example/a.png")));
        assertInstanceOf(GenerationStatus.Expired.class, waitFor(() -> client.imageStatus(id)));
    }

    @Test
    void moderationAsHttp400OnThePollIsAnOutcomeThatKeepsItsCost() throws Exception {
        sim.inject(Fault.MODERATED_HTTP, Route.GENERATE_VIDEO, 1);
        String id = client.startVideoGeneration(GenerateVideoRequest.fromText(null, "moderated 400", 5));
        GenerationStatus.Moderated moderated =
                assertInstanceOf(GenerationStatus.Moderated.class, waitFor(() -> client.videoStatus(id)));
        assertEquals(2_500_000_000L, moderated.cost().ticks(), "5 s at $0.05/s, billed all the same");
        assertEquals(sim.ledger().billedTicks("moderated 400"), moderated.cost().ticks());
    }

    @Test
    void moderationAsDoneWithoutRespectIsAnOutcomeThatKeepsItsCost() throws Exception {
        sim.inject(Fault.MODERATED_DONE, Route.GENERATE_VIDEO, 1);
        String id = client.startVideoGeneration(GenerateVideoRequest.fromText(null, "moderated done", 2));
        GenerationStatus.Moderated moderated =
                assertInstanceOf(GenerationStatus.Moderated.class, waitFor(() -> client.videoStatus(id)));
        assertEquals(
                sim.ledger().billedTicks("moderated done"), moderated.cost().ticks());
        assertTrue(moderated.cost().ticks() > 0);
    }

    @Test
    void aSynchronousImageRefusedByModerationKeepsItsCost() {
        sim.inject(Fault.MODERATED_HTTP, Route.GENERATE_IMAGE, 1);
        GenerationStatus.Moderated moderated = assertInstanceOf(
                GenerationStatus.Moderated.class,
                client.generateImage(GenerateImageRequest.of(null, "sync moderated")));
        assertEquals(200_000_000L, moderated.cost().ticks());
    }

    @Test
    void aDeferredImageBatchWithheldByModerationIsModerated() throws Exception {
        sim.inject(Fault.MODERATED_DONE, Route.GENERATE_IMAGE, 1);
        String id = client.startImageGeneration(
                new GenerateImageRequest("withheld", null, 2, null, null, null, null, null, null, null));
        GenerationStatus.Moderated moderated =
                assertInstanceOf(GenerationStatus.Moderated.class, waitFor(() -> client.imageStatus(id)));
        assertEquals(400_000_000L, moderated.cost().ticks());
    }

    @Test
    void aLargeFileTravelsBothWaysByteForByte() throws Exception {
        byte[] bytes = new byte[12 * 1024 * 1024];
        new java.util.Random(42).nextBytes(bytes);
        Path source = Files.write(dir.resolve("large.bin"), bytes);
        String id = client.uploadFile(source, "large.bin", "application/octet-stream", 3600L)
                .id();
        Path target = dir.resolve("large.copy");
        assertEquals(bytes.length, client.downloadFileContent(id, target));
        assertEquals(-1L, Files.mismatch(source, target));
        try (var stream = client.openFileContent(id, "original")) {
            assertEquals(bytes[0], (byte) stream.read());
        }
    }

    // --- throttling ---------------------------------------------------------------------------------------

    @Test
    void aThrottledReadWaitsForRetryAfterThenSucceeds() throws Exception {
        String id = client.startVideoGeneration(GenerateVideoRequest.fromText(null, "throttled poll", 1));
        sim.inject(Fault.THROTTLED, Route.GET_VIDEO, 1);
        long start = System.nanoTime();
        assertFalse(client.videoStatus(id) == null);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 950, "waited the 1 s Retry-After");
        assertEquals(2, sim.ledger().requests(Route.GET_VIDEO));
    }

    @Test
    void aThrottledGenerationIsLeftToTheRateGovernorNotSentAgainInTheCall() {
        // The governor (on, as deployed) gave the start its slot; a retry here would go out on none
        // (docs/rate-limits.md). Without the governor the call retries it, as bench/load's other variants do.
        sim.inject(Fault.THROTTLED, Route.GENERATE_VIDEO, 1);
        XaiException.Throttled throttled = assertThrows(
                XaiException.Throttled.class,
                () -> client.startVideoGeneration(GenerateVideoRequest.fromText(null, "throttled start", 1)));
        assertEquals(1, throttled.retryAfterSeconds());
        assertEquals(1, sim.ledger().requests(Route.GENERATE_VIDEO));
        assertEquals(0, sim.ledger().accepted("throttled start"), "nothing taken, nothing paid");
    }

    @Test
    void aThrottleLongerThanTheClientWaitsIsLeftToTheCallerWithItsDelay() {
        sim.configure(original.withRetryAfterSeconds(30));
        sim.inject(Fault.THROTTLED, Route.GENERATE_IMAGE, 1);
        XaiException.Throttled throttled = assertThrows(
                XaiException.Throttled.class,
                () -> client.startImageGeneration(GenerateImageRequest.of(null, "long throttle")));
        assertEquals(30, throttled.retryAfterSeconds());
        assertEquals("XaiThrottled", throttled.errorName());
        assertEquals(1, sim.ledger().requests(Route.GENERATE_IMAGE));
    }

    // --- unavailable --------------------------------------------------------------------------------------

    @Test
    void aServerErrorOnAReadIsRetried() {
        sim.inject(Fault.SERVER_ERROR, Route.LIST_IMAGE_MODELS, 1);
        assertFalse(client.imageModels().isEmpty());
        assertEquals(2, sim.ledger().requests(Route.LIST_IMAGE_MODELS));
    }

    @Test
    void aServerErrorOnAGenerationIsNotSentAgain() {
        sim.inject(Fault.UNAVAILABLE, Route.GENERATE_IMAGE, 1);
        XaiException.Unavailable unavailable = assertThrows(
                XaiException.Unavailable.class,
                () -> client.startImageGeneration(GenerateImageRequest.of(null, "503 start")));
        assertEquals(503, unavailable.httpStatus());
        assertEquals(1, sim.ledger().requests(Route.GENERATE_IMAGE));
    }

    @Test
    void lastingUnavailabilityGivesUpAfterTheBoundedRetries() {
        sim.inject(Fault.SERVER_ERROR, Route.GET_VIDEO_MODEL, 10);
        XaiException.Unavailable unavailable =
                assertThrows(XaiException.Unavailable.class, () -> client.videoModel("grok-imagine-video"));
        assertEquals(XaiException.Unavailable.Reason.SERVER_ERROR, unavailable.reason());
        assertEquals(3, sim.ledger().requests(Route.GET_VIDEO_MODEL), "one call and two retries");
    }

    @Test
    void aSlowAnswerToAGenerationIsATimeoutAndIsNotSentAgain() {
        sim.configure(original.withSlowResponse(Duration.ofMillis(2500)));
        sim.inject(Fault.SLOW_RESPONSE, Route.GENERATE_VIDEO, 1);
        XaiException.Unavailable timeout = assertThrows(
                XaiException.Unavailable.class,
                () -> client.startVideoGeneration(GenerateVideoRequest.fromText(null, "slow start", 1)));
        assertEquals(XaiException.Unavailable.Reason.TIMEOUT, timeout.reason());
        assertEquals(1, sim.ledger().requests(Route.GENERATE_VIDEO));
        assertEquals(1, sim.ledger().accepted("slow start"), "xAI took the job: sending it again could pay twice");
    }

    @Test
    void aSlowAnswerToAReadIsRetried() {
        sim.configure(original.withSlowResponse(Duration.ofMillis(2500)));
        sim.inject(Fault.SLOW_RESPONSE, Route.GET_IMAGE_MODEL, 1);
        assertEquals(
                "grok-imagine-image", client.imageModel("grok-imagine-image").id());
        assertEquals(2, sim.ledger().requests(Route.GET_IMAGE_MODEL));
    }

    @Test
    void aDroppedConnectionOnAReadIsRetried() throws Exception {
        Path file = Files.write(dir.resolve("a.png"), SimMedia.image("input", "png"));
        String id = client.uploadFile(file, "a.png", "image/png", null).id();
        sim.inject(Fault.DROPPED_CONNECTION, Route.RETRIEVE_FILE, 1);
        assertEquals(id, client.retrieveFile(id).id());
        assertEquals(2, sim.ledger().requests(Route.RETRIEVE_FILE));
    }

    @Test
    void aDroppedConnectionOnAGenerationIsNotSentAgain() {
        sim.inject(Fault.DROPPED_CONNECTION, Route.GENERATE_VIDEO, 1);
        XaiException.Unavailable dropped = assertThrows(
                XaiException.Unavailable.class,
                () -> client.startVideoGeneration(GenerateVideoRequest.fromText(null, "dropped start", 1)));
        assertEquals(XaiException.Unavailable.Reason.CONNECTION, dropped.reason());
        assertEquals(1, sim.ledger().requests(Route.GENERATE_VIDEO));
    }

    @Test
    void aMalformedAnswerToAReadIsRetried() throws Exception {
        String id = client.startVideoGeneration(GenerateVideoRequest.fromText(null, "malformed poll", 1));
        Thread.sleep(sim.options().videoReadyAfter().toMillis() + 50);
        sim.inject(Fault.MALFORMED_BODY, Route.GET_VIDEO, 1);
        assertInstanceOf(GenerationStatus.Done.class, client.videoStatus(id));
        assertEquals(2, sim.ledger().requests(Route.GET_VIDEO));
    }

    @Test
    void aMalformedAnswerToAGenerationIsUnavailableAfterXaiTookTheJob() {
        sim.inject(Fault.MALFORMED_BODY, Route.EDIT_VIDEO, 1);
        XaiException.Unavailable malformed = assertThrows(
                XaiException.Unavailable.class,
                () -> client.startVideoEdit(
                        EditVideoRequest.of(null, "malformed start", Media.ofUrl("https://x.example/a.mp4"))));
        assertEquals(XaiException.Unavailable.Reason.MALFORMED_RESPONSE, malformed.reason());
        assertEquals(1, sim.ledger().accepted("malformed start"));
    }

    // --- refusals -----------------------------------------------------------------------------------------

    @Test
    void aValueOutOfTheSchemaIsAnInvalidRequestNamingTheField() {
        XaiException.InvalidRequest invalid = assertThrows(
                XaiException.InvalidRequest.class,
                () -> client.startImageGeneration(
                        new GenerateImageRequest("eleven", null, 11, null, null, null, null, null, null, null)));
        assertEquals(422, invalid.httpStatus());
        assertTrue(invalid.getMessage().contains("/n: must have a maximum value of 10"), invalid.getMessage());
        assertEquals(0, sim.ledger().accepted("eleven"));
    }

    @Test
    void anUnknownAspectRatioIsRefusedNamingTheEnumeration() {
        XaiException.InvalidRequest invalid = assertThrows(
                XaiException.InvalidRequest.class,
                () -> client.generateImage(
                        new GenerateImageRequest("ratio", null, 1, null, "7:5", null, null, null, null, null)));
        assertTrue(
                invalid.getMessage().contains("/aspect_ratio: does not have a value in the enumeration"),
                invalid.getMessage());
    }

    @Test
    void anImageEditWithImageAndImagesIsRefused() {
        EditImageRequest both = new EditImageRequest(
                "both",
                null,
                Media.ofUrl("https://x.example/a.png"),
                List.of(Media.ofUrl("https://x.example/b.png")),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        XaiException.InvalidRequest invalid =
                assertThrows(XaiException.InvalidRequest.class, () -> client.startImageEdit(both));
        assertEquals(400, invalid.httpStatus());
        assertEquals("invalid-argument", invalid.xaiCode());
        assertTrue(invalid.getMessage().contains("mutually exclusive"), invalid.getMessage());
    }

    @Test
    void aFileIdOfTheWrongKindIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("still.png"), SimMedia.image("input", "png"));
        String image = client.uploadFile(file, "still.png", "image/png", null).id();
        XaiException.InvalidRequest invalid = assertThrows(
                XaiException.InvalidRequest.class,
                () -> client.startVideoEdit(EditVideoRequest.of(null, "wrong kind", Media.ofFileId(image))));
        assertTrue(invalid.getMessage().contains("not an MP4 video"), invalid.getMessage());
    }

    @Test
    void aWrongKeyIsUnauthorizedAndTheKeyIsNotInTheMessage() {
        sim.configure(original.withApiKey("xai-the-other-key-000000"));
        XaiException.Unauthorized unauthorized = assertThrows(XaiException.Unauthorized.class, client::imageModels);
        assertEquals(401, unauthorized.httpStatus());
        assertEquals("invalid_api_key", unauthorized.xaiCode());
        assertFalse(unauthorized.getMessage().contains(TEST_KEY));
        assertFalse(unauthorized.errorName().isEmpty());
    }

    @Test
    void anUnknownRequestIdIsNotFound() {
        XaiException.NotFound notFound = assertThrows(
                XaiException.NotFound.class, () -> client.videoStatus("00000000-0000-0000-0000-000000000000"));
        assertEquals(404, notFound.httpStatus());
    }

    @Test
    void aKnownRequestAnsweredWith404ByEveryLookIsNotFound() {
        String id = client.startVideoGeneration(GenerateVideoRequest.fromText(null, "404 poll", 1));
        sim.inject(Fault.NOT_FOUND, Route.GET_VIDEO, 3);
        assertThrows(XaiException.NotFound.class, () -> client.videoStatus(id));
        assertEquals(3, sim.ledger().requests(Route.GET_VIDEO));
    }

    @Test
    void aMomentary404IsLookedPastAndTheStatusComesBack() {
        // A lost answer after xAI billed the result, then one 404: ending the job there would lose a paid video.
        String id = client.startVideoGeneration(GenerateVideoRequest.fromText(null, "404 once", 1));
        sim.inject(Fault.NOT_FOUND, Route.GET_VIDEO, 2);

        GenerationStatus status = client.videoStatus(id);

        assertNotNull(status);
        assertEquals(3, sim.ledger().requests(Route.GET_VIDEO));
    }
}
