package io.imagineflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Jobs started at the xAI simulator over its HTTP API, and the state the state machine would hand to poll for
 * each: what an integration test of poll or finalize needs when the artifact under test exports only that
 * function and no bean of the application can be called from the test.
 */
public final class StartedJobs {

    // The simulator takes any bearer key unless it is configured with one; this is the test profile's.
    private static final String TEST_KEY = "xai-test-key-not-a-secret-0001";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String baseUrl;

    public StartedJobs(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A deferred image generation, and its state before the first poll. */
    public ObjectNode image(String jobId, String prompt) {
        ObjectNode body = JSON.createObjectNode()
                .put("model", "grok-imagine-image")
                .put("prompt", prompt)
                .put("response_format", "url")
                .put("deferred", true);
        return pending(jobId, "image_generate", "grok-imagine-image", post("/v1/images/generations", body));
    }

    /** A text-to-video generation, and its state before the first poll. */
    public ObjectNode video(String jobId, String prompt, int seconds) {
        ObjectNode body = JSON.createObjectNode()
                .put("model", "grok-imagine-video")
                .put("prompt", prompt)
                .put("duration", seconds);
        return pending(jobId, "text_to_video", "grok-imagine-video", post("/v1/videos/generations", body));
    }

    private static ObjectNode pending(String jobId, String operation, String model, String requestId) {
        Instant now = Instant.now();
        return JSON.createObjectNode()
                .put("version", 1)
                .put("jobId", jobId)
                .put("operation", operation)
                .put("model", model)
                .put("xaiRequestId", requestId)
                .put("status", "pending")
                .put("polls", 0)
                .put("submittedAt", now.toString())
                .put("deadline", now.plusSeconds(3600).toString())
                .put("nextPollSeconds", 1);
    }

    private String post(String path, ObjectNode body) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .header("Authorization", "Bearer " + TEST_KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !answer.hasNonNull("request_id")) {
                throw new IllegalStateException("the simulator refused " + path + ": " + response.body());
            }
            return answer.get("request_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
