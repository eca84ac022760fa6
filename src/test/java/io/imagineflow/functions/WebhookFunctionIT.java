package io.imagineflow.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code webhook} as built (JVM jar, or the native executable with {@code -Dnative}): a signed delivery through
 * the outbound client to a receiver on loopback, the delivery recorded, and an unsafe URL refused.
 */
@QuarkusIntegrationTest
@TestProfile(Profiles.Webhook.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class WebhookFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A failed job asking for its completed webhook to {@code url}, as the job table holds it. */
    private static void job(String id, String url) {
        DynamoDbLocalResource.client()
                .putItem(b -> b.tableName(DynamoDbLocalResource.TABLE)
                        .item(Map.of(
                                "id", AttributeValue.fromS(id),
                                "jobId", AttributeValue.fromS(id),
                                "status", AttributeValue.fromS("failed"),
                                "outcome", AttributeValue.fromS("failed"),
                                "operation", AttributeValue.fromS("image_generate"),
                                "webhook",
                                        AttributeValue.fromM(Map.of(
                                                "url", AttributeValue.fromS(url),
                                                "events",
                                                        AttributeValue.fromL(
                                                                List.of(AttributeValue.fromS("completed"))))))));
    }

    private static String task(String id) {
        return JSON.createObjectNode()
                .put("jobId", id)
                .put("event", "completed")
                .put("webhookId", id + "-completed")
                .toString();
    }

    @Test
    void aDeliveryIsSignedSentAndRecorded() throws Exception {
        List<String> signatures = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                signatures.add(exchange.getRequestHeaders().getFirst("webhook-signature") + " "
                        + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        try {
            job("it-hook-1", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");

            JsonPath result = Lambda.ok(task("it-hook-1"));

            assertEquals("delivered", result.getString("outcome"));
            assertEquals(1, signatures.size());
            assertTrue(signatures.get(0).startsWith("v1,"), signatures.get(0));
            assertTrue(signatures.get(0).contains("\"jobId\":\"it-hook-1\""));
            assertTrue(DynamoDbLocalResource.item("it-hook-1").orElseThrow().containsKey("webhookDelivery"));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theMetadataServiceIsRefused() {
        job("it-hook-2", "https://169.254.169.254/latest/meta-data/");

        JsonPath error = Lambda.error(task("it-hook-2"));

        assertEquals("io.imagineflow.job.WebhookRefused", error.getString("errorType"));
    }
}
