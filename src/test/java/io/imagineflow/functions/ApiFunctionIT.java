package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code api} as built (JVM jar, or the native executable with {@code -Dnative}): a job started, read while its
 * submit has not run, cancelled (its execution stopped, its record written, its webhook queued), listed.
 */
@QuarkusIntegrationTest
@TestProfile(Profiles.Api.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class ApiFunctionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void clean() {
        AwsStubsResource.json().clear();
    }

    @Test
    void aRequestStartsOneExecutionNamedByItsJobId() throws Exception {
        String event = Fixtures.text("events/apigateway-http-v2.json");

        JsonPath answer = Lambda.ok(event);
        JsonPath again = Lambda.ok(event);

        assertEquals(202, answer.getInt("statusCode"));
        assertEquals(200, again.getInt("statusCode"));
        JsonNode body = JSON.readTree(answer.getString("body"));
        String jobId = body.get("jobId").asText();
        assertTrue(jobId.startsWith("api-"), jobId);
        assertEquals(JSON.readTree(event), AwsStubsResource.json().executions().get(jobId));
        assertEquals(1, AwsStubsResource.json().executions().size());
    }

    @Test
    void aBadRequestIsAnswered400WithItsViolations() throws Exception {
        String event = Fixtures.text("events/apigateway-http-v2.json").replace("text_to_video", "paint");

        JsonPath answer = Lambda.ok(event);

        assertEquals(400, answer.getInt("statusCode"));
        JsonNode body = JSON.readTree(answer.getString("body"));
        assertEquals("body.operation", body.at("/violations/0/field").asText());
        assertTrue(AwsStubsResource.json().executions().isEmpty());
    }

    private static ObjectNode event(String method, String routeKey, String path, String id, String body) {
        ObjectNode event = JSON.createObjectNode()
                .put("version", "2.0")
                .put("routeKey", routeKey)
                .put("rawPath", path);
        event.putObject("headers").put("content-type", "application/json");
        ObjectNode context = event.putObject("requestContext")
                .put("requestId", java.util.UUID.randomUUID().toString());
        context.putObject("http").put("method", method).put("path", path);
        if (id != null) {
            event.putObject("pathParameters").put("id", id);
        }
        if (body != null) {
            event.put("body", body).put("isBase64Encoded", false);
        }
        return event;
    }

    private static JsonNode call(ObjectNode event) throws Exception {
        JsonPath answer = Lambda.ok(event.toString());
        ObjectNode result = JSON.createObjectNode().put("statusCode", answer.getInt("statusCode"));
        result.set("body", JSON.readTree(answer.getString("body")));
        return result;
    }

    @Test
    void aJobIsReadCancelledAndListed() throws Exception {
        String request = "{\"operation\":\"image_generate\",\"prompt\":\"A heron\",\"tags\":{\"it\":\"cancel\"},"
                + "\"webhook\":{\"url\":\"https://hooks.example.com/imagine\"}}";
        String jobId = call(event("POST", "POST /jobs", "/jobs", null, request))
                .at("/body/jobId")
                .asText();

        JsonNode starting = call(event("GET", "GET /jobs/{id}", "/jobs/" + jobId, jobId, null));
        assertEquals("submitting", starting.at("/body/status").asText(), starting.toString());

        JsonNode cancelled = call(event("POST", "POST /jobs/{id}/cancel", "/jobs/" + jobId + "/cancel", jobId, null));
        assertEquals(200, cancelled.get("statusCode").asInt(), cancelled.toString());
        assertEquals("cancelled", cancelled.at("/body/status").asText());
        assertEquals(false, cancelled.at("/body/cancel/xaiAccepted").asBoolean(true));
        assertTrue(AwsStubsResource.json().stopped().contains(jobId));
        assertTrue(AwsStubsResource.json().executions().containsKey(jobId + "-completed"), "its webhook queued");

        JsonNode read = call(event("GET", "GET /jobs/{id}", "/jobs/" + jobId, jobId, null));
        assertEquals("JobCancelled", read.at("/body/error/code").asText());
        ObjectNode list = event("GET", "GET /jobs", "/jobs", null, null);
        list.putObject("queryStringParameters").put("tag", "it:cancel").put("status", "cancelled");
        JsonNode page = call(list);
        assertEquals(200, page.get("statusCode").asInt(), page.toString());
        assertEquals(jobId, page.at("/body/jobs/0/jobId").asText(), page.toString());
    }
}
