package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.events.EventTranslator;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsJsonStub;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Fixtures;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code api} behind API Gateway, POST /jobs: a checked request in, its job id and a started execution out. */
@QuarkusTest
@TestProfile(Profiles.Api.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class ApiFunctionTest {

    private final XaiSimulator sim = XaiSimulatorResource.simulator();
    private final AwsJsonStub aws = AwsStubsResource.json();

    @Inject
    EventTranslator translator;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void clean() {
        sim.reset();
        aws.clear();
    }

    @Test
    void aRequestStartsAnExecutionNamedByTheJobIdThatSubmitWillDerive() throws Exception {
        String event = Fixtures.text("events/apigateway-http-v2.json");

        JsonPath answer = Lambda.ok(event);

        assertEquals(202, answer.getInt("statusCode"));
        JsonNode body = json.readTree(answer.getString("body"));
        String jobId = body.get("jobId").asText();
        assertEquals(translator.jobIdOf(json.readTree(event)), jobId);
        assertEquals(
                AwsStubsResource.STATE_MACHINE.replace(":stateMachine:", ":execution:") + ":" + jobId,
                body.get("executionArn").asText());
        assertFalse(body.get("duplicate").asBoolean());
        assertEquals(json.readTree(event), aws.executions().get(jobId), "the execution's input is the API event");
        assertEquals(
                0,
                sim.ledger().snapshot().requestsByOperation().values().stream()
                        .mapToLong(n -> n)
                        .sum(),
                "starting calls nothing at xAI: submit does, inside the execution");
    }

    @Test
    void theSameIdempotencyKeyAnswersTheSameJobAndStartsNoSecondExecution() throws Exception {
        String event = Fixtures.text("events/apigateway-rest-v1.json");
        String again = event.replace("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "d7bf0bd7-7b61-11e6-9a41-93e8deadbeef");

        JsonPath first = Lambda.ok(event);
        JsonPath second = Lambda.ok(again);

        assertEquals(202, first.getInt("statusCode"));
        assertEquals(200, second.getInt("statusCode"));
        JsonNode firstBody = json.readTree(first.getString("body"));
        JsonNode secondBody = json.readTree(second.getString("body"));
        assertTrue(firstBody.get("jobId").asText().startsWith("key-"));
        assertEquals(firstBody.get("jobId"), secondBody.get("jobId"));
        assertEquals(firstBody.get("executionArn"), secondBody.get("executionArn"));
        assertTrue(secondBody.get("duplicate").asBoolean());
        assertEquals(1, aws.executions().size());
    }

    @Test
    void anInvalidRequestIsAnswered400WithEveryBrokenRuleAndStartsNothing() throws Exception {
        String event = Fixtures.text("events/apigateway-http-v2.json")
                .replace("\\\"duration\\\":5", "\\\"duration\\\":99")
                .replace("\\\"aspect_ratio\\\":\\\"16:9\\\"", "\\\"aspect_ratio\\\":\\\"7:5\\\"");

        JsonPath answer = Lambda.ok(event);

        assertEquals(400, answer.getInt("statusCode"));
        assertEquals("application/json", answer.getString("headers.Content-Type"));
        JsonNode body = json.readTree(answer.getString("body"));
        assertEquals("JobInvalid", body.get("error").asText());
        assertEquals("body.options.duration", body.at("/violations/0/field").asText());
        assertEquals("body.options.aspect_ratio", body.at("/violations/1/field").asText());
        assertTrue(aws.executions().isEmpty());
    }

    @Test
    void aRequestTooLargeForTheStateMachineIsAnswered400AndStartsNothing() throws Exception {
        // API Gateway takes bodies up to 10 MB; an execution's input is at most 256 KB.
        ObjectNode request =
                json.createObjectNode().put("operation", "image_edit").put("prompt", "Make it winter");
        request.putObject("inputs").put("image", "data:image/png;base64," + "A".repeat(300_000));
        ObjectNode event = (ObjectNode) json.readTree(Fixtures.text("events/apigateway-http-v2.json"));
        event.put("body", request.toString());

        JsonPath answer = Lambda.ok(event.toString());

        assertEquals(400, answer.getInt("statusCode"));
        JsonNode body = json.readTree(answer.getString("body"));
        assertEquals("event", body.at("/violations/0/field").asText());
        assertTrue(body.at("/violations/0/rule").asText().contains("over the 262144 bytes"), body.toString());
        assertTrue(aws.executions().isEmpty());
    }

    @Test
    void stepFunctionsStillThrottlingAfterTheSdkRetriesIsAnswered503SoTheCallerSendsItAgain() throws Exception {
        String event = Fixtures.text("events/apigateway-rest-v1.json");
        aws.throttleExecutions(10);

        JsonPath refused = Lambda.ok(event);

        assertEquals(503, refused.getInt("statusCode"));
        assertEquals(
                "JobUnavailable",
                json.readTree(refused.getString("body")).get("error").asText());
        assertTrue(aws.executions().isEmpty());

        aws.throttleExecutions(0);
        JsonPath again = Lambda.ok(event);
        assertEquals(202, again.getInt("statusCode"), "the same request goes through once Step Functions takes it");
    }
}
