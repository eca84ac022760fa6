package io.imagineflow.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator behaves as xAI does, as seen over HTTP. */
class XaiSimulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    XaiSimulator sim;

    @BeforeEach
    void start() {
        sim = XaiSimulator.start(SimulatorOptions.fast());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    // --- media --------------------------------------------------------------------------------------------

    @Test
    void generatedImagesAreRealJpegOrPngServedWithTheirType() throws Exception {
        JsonNode jpeg =
                post("/v1/images/generations", "{\"prompt\":\"a cat\"}").json().at("/data/0");
        assertEquals("image/jpeg", jpeg.get("mime_type").asText());
        HttpResponse<byte[]> image = download(jpeg.get("url").asText());
        assertEquals("image/jpeg", image.headers().firstValue("Content-Type").orElseThrow());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(image.body())));

        JsonNode png = post("/v1/images/generations", "{\"prompt\":\"a cat\",\"model\":\"grok-imagine-image-quality\"}")
                .json()
                .at("/data/0");
        HttpResponse<byte[]> pngImage = download(png.get("url").asText());
        assertEquals("image/png", pngImage.headers().firstValue("Content-Type").orElseThrow());
        assertNotNull(ImageIO.read(new ByteArrayInputStream(pngImage.body())));
    }

    @Test
    void generatedVideosAreRealMp4sServedAsVideoMp4() throws Exception {
        JsonNode done = finishedVideo("{\"prompt\":\"a dog\",\"duration\":2}");
        HttpResponse<byte[]> video = download(done.at("/video/url").asText());
        assertEquals("video/mp4", video.headers().firstValue("Content-Type").orElseThrow());
        String head = new String(video.body(), 0, 64, StandardCharsets.ISO_8859_1);
        assertEquals("ftyp", head.substring(4, 8));
        assertTrue(new String(video.body(), StandardCharsets.ISO_8859_1).contains("avc1"), "an H.264 track");
    }

    @Test
    void aStoredOutputHasAFileAndAPublicUrlThatServesIt() throws Exception {
        JsonNode item = post(
                        "/v1/images/generations",
                        "{\"prompt\":\"kept\",\"storage_options\":{\"filename\":"
                                + "\"kept.jpg\",\"expires_after\":7200,\"public_url\":{\"expires_after\":3600}}}")
                .json()
                .at("/data/0");
        JsonNode output = item.get("file_output");
        assertTrue(output.get("file_id").asText().startsWith("file_"));
        assertTrue(output.has("public_url_expires_at"));
        byte[] viaPublic = download(output.get("public_url").asText()).body();
        byte[] viaContent =
                get("/v1/files/" + output.get("file_id").asText() + "/content").raw();
        assertArrayEquals(viaContent, viaPublic);
        assertArrayEquals(download(item.get("url").asText()).body(), viaContent);
    }

    // --- the contract -------------------------------------------------------------------------------------

    @Test
    void theContractCheckFailsOnAValueAboveTheSchemasMaximum() {
        assertEquals(
                List.of("/n: must have a maximum value of 10"),
                sim.contract().violations("GenerateImageRequest", node("{\"prompt\":\"p\",\"n\":11}")));
    }

    @Test
    void theContractCheckFailsOnAnUnknownAspectRatio() {
        List<String> violations =
                sim.contract().violations("GenerateImageRequest", node("{\"prompt\":\"p\",\"aspect_ratio\":\"7:5\"}"));
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).startsWith("/aspect_ratio: does not have a value in the enumeration"));
    }

    @Test
    void theContractCheckFailsOnAResponseWithoutItsRequiredField() {
        assertEquals(
                List.of("/: required property 'data' not found"),
                sim.contract().violations("GeneratedImageResponse", node("{\"usage\":{\"cost_in_usd_ticks\":1}}")));
    }

    @Test
    void theContractCheckPassesAConformingBody() {
        assertEquals(
                List.of(),
                sim.contract()
                        .violations(
                                "GenerateVideoRequest",
                                node(
                                        "{\"prompt\":\"p\",\"duration\":10,\"reference_images\":[{\"file_id\":\"file_a\"},{\"url\":"
                                                + "\"https://e.com/a.png\"}],\"storage_options\":{\"filename\":\"a.mp4\",\"public_url\":true}}")));
    }

    @Test
    void aBodyOutsideTheSchemaIsRefusedWith422NamingTheField() {
        Reply reply = post("/v1/videos/generations", "{\"prompt\":\"p\",\"duration\":16}");
        assertEquals(422, reply.status());
        assertEquals(
                "/duration: must have a maximum value of 15",
                reply.json().get("error").asText());
        assertEquals(0, sim.ledger().accepted("p"));
    }

    @Test
    void anImageEditWithImageAndImagesIsRefused() {
        assertRefused(
                post(
                        "/v1/images/edits",
                        "{\"prompt\":\"p\",\"image\":{\"url\":\"https://e.com/a.png\"},"
                                + "\"images\":[{\"url\":\"https://e.com/b.png\"}]}"),
                "mutually exclusive");
    }

    @Test
    void anImageEditTakesAtMostThreeImages() {
        assertRefused(
                post("/v1/images/edits", "{\"prompt\":\"p\",\"images\":" + images(4) + "}"),
                "images takes 1 to 3 images, got 4");
    }

    @Test
    void referenceToVideoTakesOneToSevenImages() {
        assertRefused(
                post("/v1/videos/generations", "{\"prompt\":\"p\",\"reference_images\":" + images(8) + "}"),
                "reference_images takes 1 to 7 images, got 8");
        assertRefused(
                post("/v1/videos/generations", "{\"prompt\":\"p\",\"reference_images\":[]}"),
                "reference_images takes 1 to 7 images, got 0");
    }

    @Test
    void referenceToVideoIsAtMostTenSeconds() {
        assertRefused(
                post(
                        "/v1/videos/generations",
                        "{\"prompt\":\"p\",\"duration\":11,\"reference_images\":" + images(2) + "}"),
                "Duration 11s exceeds the maximum allowed for reference-to-video, which is 10s.");
    }

    @Test
    void aFirstFrameAndReferenceImagesAreExclusive() {
        assertRefused(
                post(
                        "/v1/videos/generations",
                        "{\"prompt\":\"p\",\"image\":{\"url\":\"https://e.com/a.png\"}," + "\"reference_images\":"
                                + images(1) + "}"),
                "cannot be used together");
    }

    @Test
    void anExtensionIsTwoToTenSeconds() {
        assertRefused(
                post(
                        "/v1/videos/extensions",
                        "{\"prompt\":\"p\",\"duration\":11,\"video\":{\"url\":" + "\"https://e.com/a.mp4\"}}"),
                "between 2 and 10");
    }

    @Test
    void aFileIdMustExistAndHoldTheRightKindOfMedia() throws Exception {
        assertRefused(
                post("/v1/images/edits", "{\"prompt\":\"p\",\"image\":{\"file_id\":\"file_nope\"}}"),
                "file file_nope not found");
        String video = finishedVideo("{\"prompt\":\"stored\",\"storage_options\":{\"filename\":\"v.mp4\"}}")
                .at("/video/file_output/file_id")
                .asText();
        assertRefused(
                post("/v1/images/edits", "{\"prompt\":\"p\",\"image\":{\"file_id\":\"" + video + "\"}}"),
                "not an image");
        assertEquals(
                200,
                post("/v1/videos/edits", "{\"prompt\":\"p\",\"video\":{\"file_id\":\"" + video + "\"}}")
                        .status());
    }

    @Test
    void plainHttpUrlsAreRefused() {
        assertRefused(
                post("/v1/images/edits", "{\"prompt\":\"p\",\"image\":{\"url\":\"http://e.com/a.png\"}}"),
                "only https URLs");
    }

    @Test
    void aDataUriMustHoldAnImage() {
        String text = Base64.getEncoder().encodeToString("not an image".getBytes(StandardCharsets.UTF_8));
        assertRefused(
                post(
                        "/v1/images/edits",
                        "{\"prompt\":\"p\",\"image\":{\"url\":\"data:image/png;base64," + text + "\"}}"),
                "does not hold a PNG, JPEG or WebP image");
    }

    @Test
    void aPromptOverTheModelsLimitIsRefused() {
        assertRefused(
                post("/v1/images/generations", "{\"prompt\":\"" + "a".repeat(1025) + "\"}"), "takes at most 1024");
    }

    // --- files --------------------------------------------------------------------------------------------

    @Test
    void anUploadWantsItsExpiryBeforeTheFile() {
        Reply reply = upload(
                List.of(filePart("a.png"), "Content-Disposition: form-data; name=\"expires_after\"\r\n\r\n" + "3600"));
        assertRefused(reply, "expires_after must come before the file part");
        assertEquals(
                200,
                upload(List.of("Content-Disposition: form-data; name=\"expires_after\"\r\n\r\n3600", filePart("a.png")))
                        .status());
    }

    @Test
    void anUploadOverTheLimitIs413() {
        sim.configure(sim.options().withMaxUploadBytes(4));
        assertEquals(413, upload(List.of(filePart("a.png"))).status());
    }

    // --- protocol -----------------------------------------------------------------------------------------

    @Test
    void aJsonBodyNeedsItsContentType() throws Exception {
        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/images/generations"))
                        .header("Authorization", "Bearer k")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"p\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(415, reply.statusCode());
    }

    @Test
    void aRequestWithoutAKeyIs401() throws Exception {
        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/image-generation-models"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, reply.statusCode());
    }

    @Test
    void aJobIsBilledOnceHoweverOftenItIsPolled() throws Exception {
        JsonNode done = finishedVideo("{\"prompt\":\"billed once\",\"duration\":4,\"resolution\":\"720p\"}");
        String id = done.get("request_id_seen").asText();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("/v1/videos/" + id).status());
        }
        assertEquals(4 * 7 * Prices.CENT, sim.ledger().billedTicks("billed once"), "4 s at $0.07/s (720p)");
        assertEquals(1, sim.ledger().accepted("billed once"));
    }

    @Test
    void faultsDrawnFromTheSameSeedAreTheSame() {
        Set<Fault> kinds = Set.of(Fault.THROTTLED, Fault.SERVER_ERROR, Fault.UNAVAILABLE);
        List<Integer> first = statuses(SimulatorOptions.fast().withFaults(7, 0.5, kinds));
        List<Integer> again = statuses(SimulatorOptions.fast().withFaults(7, 0.5, kinds));
        List<Integer> other = statuses(SimulatorOptions.fast().withFaults(8, 0.5, kinds));
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertTrue(first.stream().filter(s -> s != 200).count() > 5, "about half are faults: " + first);
    }

    @Test
    void aFaultCanBeScheduledOverHttp() throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/sim/faults"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"fault\":\"THROTTLED\",\"operation\":\"handle_list_files_request\"}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        Reply throttled = get("/v1/files");
        assertEquals(429, throttled.status());
        assertEquals("1", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, get("/v1/files").status());
        assertEquals(1, sim.ledger().faults(Fault.THROTTLED));
    }

    @Test
    void rateLimitsRefuseASecondVideoInTheSameSecondWithRetryAfterAndCountPollsOnlyWhenAsked() throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/sim/limits"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"on\":true}"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        Reply first = post("/v1/videos/generations", "{\"prompt\":\"one\"}");
        Reply second = post("/v1/videos/generations", "{\"prompt\":\"two\"}");
        String id = first.json().get("request_id").asText();

        assertEquals(200, first.status());
        assertEquals(429, second.status());
        assertEquals("1", second.headers().firstValue("Retry-After").orElseThrow());
        // Images have their own bucket (5 a second), and polls do not count unless asked.
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    200,
                    post("/v1/images/generations", "{\"prompt\":\"i" + i + "\"}")
                            .status());
        }
        assertEquals(429, post("/v1/images/generations", "{\"prompt\":\"i5\"}").status());
        assertEquals(202, get("/v1/videos/" + id).status());
        assertEquals(202, get("/v1/videos/" + id).status());
        assertEquals(
                Map.of("handle_generate_video_request", 1L, "handle_generate_image_request", 1L), sim.rateLimited());

        sim.limit(true, Map.of(), true);
        assertEquals(202, get("/v1/videos/" + id).status());
        assertEquals(429, get("/v1/videos/" + id).status());
        Thread.sleep(1100);
        assertEquals(
                200, post("/v1/videos/generations", "{\"prompt\":\"three\"}").status());
    }

    @Test
    void theStatsReportRequestsAndBills() throws Exception {
        post("/v1/images/generations", "{\"prompt\":\"stats\",\"n\":2}");
        JsonNode stats = JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/sim/stats"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertEquals(
                1,
                stats.at("/requestsByOperation/handle_generate_image_request").asInt());
        assertEquals(2 * 2 * Prices.CENT, stats.at("/billedTicksByPrompt/stats").asLong());
    }

    // --- helpers ------------------------------------------------------------------------------------------

    record Reply(int status, byte[] raw, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return node(new String(raw, StandardCharsets.UTF_8));
        }
    }

    private List<Integer> statuses(SimulatorOptions options) {
        try (XaiSimulator seeded = XaiSimulator.start(options)) {
            XaiSimulator saved = sim;
            sim = seeded;
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(get("/v1/image-generation-models/grok-imagine-image" + (i % 3 == 0 ? "" : "-quality"))
                        .status());
            }
            sim = saved;
            return statuses;
        }
    }

    private JsonNode finishedVideo(String body) throws Exception {
        String id =
                post("/v1/videos/generations", body).json().get("request_id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Reply reply = get("/v1/videos/" + id);
        while (reply.status() == 202 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            reply = get("/v1/videos/" + id);
        }
        assertEquals(200, reply.status());
        return ((com.fasterxml.jackson.databind.node.ObjectNode) reply.json()).put("request_id_seen", id);
    }

    private static void assertRefused(Reply reply, String why) {
        assertEquals(400, reply.status(), new String(reply.raw(), StandardCharsets.UTF_8));
        assertEquals("invalid-argument", reply.json().get("code").asText());
        assertTrue(
                reply.json().get("error").asText().contains(why),
                reply.json().get("error").asText());
    }

    private static String images(int count) {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            refs.add("{\"url\":\"https://e.com/" + i + ".png\"}");
        }
        return "[" + String.join(",", refs) + "]";
    }

    private static String filePart(String name) {
        return "Content-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: image/png"
                + "\r\n\r\n\u0089PNG\r\n\u001a\n";
    }

    private Reply upload(List<String> parts) {
        String boundary = "sim-boundary";
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("--").append(boundary).append("\r\n").append(part).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.ISO_8859_1))));
    }

    private Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).GET());
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(
                    request.header("Authorization", "Bearer test").build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> download(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode node(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
