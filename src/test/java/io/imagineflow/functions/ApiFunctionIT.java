package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** {@code api} as built (JVM jar, or the native executable with {@code -Dnative}): an API event in, 202 out. */
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
}
