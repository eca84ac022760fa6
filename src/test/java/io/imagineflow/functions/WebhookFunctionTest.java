package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagineflow.api.ApiContract;
import io.imagineflow.job.DeliveryTarget;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobState;
import io.imagineflow.job.JobStatus;
import io.imagineflow.job.JobStore;
import io.imagineflow.job.Operation;
import io.imagineflow.job.WebhookSpec;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.CapturedMetricLines;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.imagineflow.testing.StoredJobs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code webhook}: one Standard Webhooks delivery to a receiver on loopback, signed, its body the job as
 * {@code GET /jobs/{id}} shows it; a receiver that fails, stalls or redirects is a {@code WebhookFailed} for the
 * state machine to retry; an unsafe URL is a {@code WebhookRefused}; a give-up is recorded.
 */
@QuarkusTest
@TestProfile(Profiles.Webhook.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class WebhookFunctionTest {

    /** The test profile's secret (application.properties), as a receiver would hold it. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private record Received(Map<String, String> headers, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private volatile int answer = 204;
    private volatile long delayMs;
    private HttpServer receiver;

    @Inject
    JobStore store;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void receiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", this::receive);
        receiver.createContext("/moved", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().set("Location", base() + "/elsewhere");
                exchange.sendResponseHeaders(302, -1);
            }
        });
        receiver.createContext("/elsewhere", exchange -> {
            try (exchange) {
                redirectTargetHits.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            received.add(new Received(
                    headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            byte[] body =
                    answer / 100 == 2 ? new byte[0] : "x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException hungUp) {
            // The function gave up on a slow answer or stopped reading a long one: as it should.
        }
    }

    private String base() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    /** A finished job whose request asked for a webhook to {@code url}. */
    private String job(String url) {
        String id = StoredJobs.newId("hook");
        JobRequest request = new JobRequest(
                Operation.IMAGE_GENERATE,
                "grok-imagine-image",
                "A kingfisher",
                null,
                null,
                null,
                Map.of("team", "birds"),
                null,
                null,
                new DeliveryTarget(AwsStubsResource.OUTPUT_BUCKET, "outputs/"),
                url == null ? null : new WebhookSpec(URI.create(url), List.of("completed")));
        JobState state = StoredJobs.running(store, id, request, Instant.now());
        store.finish(JobRecord.finished(
                state.ended(
                        JobStatus.FAILED,
                        30,
                        null,
                        null,
                        io.imagineflow.job.JobFailure.of(io.imagineflow.job.ErrorCode.XAI_FAILED, "xAI said no")),
                Instant.now()));
        return id;
    }

    private String task(String jobId) {
        return json.createObjectNode()
                .put("jobId", jobId)
                .put("event", "completed")
                .put("webhookId", jobId + "-completed")
                .toString();
    }

    private static String sign(String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        return "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDeliveryIsSignedAndCarriesTheJobAsTheApiShowsItAndIsRecorded() throws Exception {
        String id = job(base() + "/hook");

        JsonPath result = Lambda.ok(task(id));

        assertEquals("delivered", result.getString("outcome"));
        assertEquals(1, received.size());
        Received delivery = received.get(0);
        assertEquals(id + "-completed", delivery.headers().get("webhook-id"));
        String timestamp = delivery.headers().get("webhook-timestamp");
        assertTrue(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond()) < 60);
        assertEquals(
                sign(id + "-completed", timestamp, delivery.body()),
                delivery.headers().get("webhook-signature"));
        assertTrue(delivery.headers().get("content-type").startsWith("application/json"));
        JsonNode body = json.readTree(delivery.body());
        assertEquals(id, body.get("jobId").asText());
        assertEquals("failed", body.get("status").asText());
        assertEquals(List.of(), new ApiContract().violations("Job", body));
        assertNotNull(store.find(id).orElseThrow().webhookDelivery().deliveredAt());

        // A repeat (a retried state) is the same delivery to the receiver: the same webhook-id.
        Lambda.ok(task(id));
        assertEquals(
                delivery.headers().get("webhook-id"), received.get(1).headers().get("webhook-id"));
    }

    @Test
    void aReceiverThatFailsIsRetriedAndItsLongAnswerIsNotReadWhole() {
        answer = 500;
        String id = job(base() + "/hook");

        JsonPath error = Lambda.error(task(id));

        assertEquals("io.imagineflow.job.WebhookFailed", error.getString("errorType"));
        String message = error.getString("errorMessage");
        assertTrue(message.startsWith("the receiver answered 500"), message);
        assertTrue(message.length() < 300, "a few KB of the answer at most, and 200 characters of it said");
        assertNull(store.find(id).orElseThrow().webhookDelivery());
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeFailsTheDeliveryNotTheJob() {
        delayMs = 4_000;
        String id = job(base() + "/hook");
        long start = System.nanoTime();

        JsonPath error = Lambda.error(task(id));

        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals("io.imagineflow.job.WebhookFailed", error.getString("errorType"));
        assertTrue(
                error.getString("errorMessage").contains("did not answer within 1 s"), error.getString("errorMessage"));
        assertTrue(ms < 3_500, "bounded by the 1 s timeout, took " + ms + " ms");
        assertEquals("failed", store.find(id).orElseThrow().status().id());
    }

    @Test
    void aRedirectIsNotFollowed() {
        String id = job(base() + "/moved");

        JsonPath error = Lambda.error(task(id));

        assertEquals("io.imagineflow.job.WebhookFailed", error.getString("errorType"));
        assertTrue(error.getString("errorMessage").contains("redirects are not followed"));
        assertEquals(0, redirectTargetHits.get());
    }

    @Test
    void aUrlThatBreaksTheOutboundRulesIsRefusedWithoutARetry() {
        for (String url : List.of(
                "https://169.254.169.254/latest/meta-data/", "https://10.0.0.7/hook", "http://hooks.example.com/")) {
            String id = job(url);

            JsonPath error = Lambda.error(task(id));

            assertEquals("io.imagineflow.job.WebhookRefused", error.getString("errorType"), url);
        }
    }

    @Test
    void aGiveUpIsRecordedWithTheLastError() throws Exception {
        String id = job(base() + "/hook");
        ObjectNode task = (ObjectNode) json.readTree(task(id));
        task.putObject("failure")
                .put("Error", "io.imagineflow.job.WebhookFailed")
                .put(
                        "Cause",
                        "{\"errorType\":\"io.imagineflow.job.WebhookFailed\",\"errorMessage\":\"the receiver answered 503\"}");

        JsonPath result = Lambda.ok(task.toString());

        assertEquals("gave_up", result.getString("outcome"));
        assertEquals("io.imagineflow.job.WebhookFailed", result.getString("error"));
        var report = store.find(id).orElseThrow().webhookDelivery();
        assertNotNull(report.gaveUpAt());
        assertEquals("io.imagineflow.job.WebhookFailed: the receiver answered 503", report.lastError());
        assertTrue(received.isEmpty());
    }

    @Test
    void aJobWithoutAWebhookIsDropped() {
        String id = job(null);

        assertEquals("dropped", Lambda.ok(task(id)).getString("outcome"));
        List<Received> none = new ArrayList<>(received);
        assertTrue(none.isEmpty());
    }

    @Test
    void aDeliveryWhoseAnswerWasLostAfterTheReceiverTookItIsNotGivenUp() throws Exception {
        String id = job(base() + "/hook");
        Lambda.ok(task(id));
        ObjectNode task = (ObjectNode) json.readTree(task(id));
        task.putObject("failure").put("Error", "Sandbox.Timedout").put("Cause", "Task timed out");

        JsonPath result = Lambda.ok(task.toString());

        assertEquals("delivered", result.getString("outcome"));
        var report = store.find(id).orElseThrow().webhookDelivery();
        assertNotNull(report.deliveredAt());
        assertNull(report.gaveUpAt());
    }

    @AfterAll
    static void everyMetricLineIsValid() {
        CapturedMetricLines.checkLinesOf("webhook");
    }
}
