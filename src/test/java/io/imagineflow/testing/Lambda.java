package io.imagineflow.testing;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;

/**
 * Posts an event to Quarkus's Lambda mock event server: the function is called through the door AWS uses. The
 * server listens on its test port, 8081, in a {@code @QuarkusTest} and in an integration test alike; an answer
 * that takes longer than a minute means the function's runtime is gone.
 */
public final class Lambda {

    private static final String MOCK_EVENT_SERVER = "http://localhost";
    private static final RestAssuredConfig PATIENT = RestAssuredConfig.config()
            .httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.connection.timeout", 5_000)
                    .setParam("http.socket.timeout", 60_000));

    private Lambda() {}

    public static Response invoke(String eventJson) {
        return invoke(eventJson.getBytes(StandardCharsets.UTF_8));
    }

    /** The event as bytes, which need not be UTF-8. */
    public static Response invoke(byte[] eventJson) {
        // Quarkus's integration-test extension leaves REST Assured's default URI and path null between tests (a
        // Lambda artifact has no HTTP server to point them at), and given() refuses to start a request without them.
        if (RestAssured.baseURI == null || RestAssured.basePath == null) {
            RestAssured.reset();
        }
        return given().config(PATIENT)
                .baseUri(MOCK_EVENT_SERVER)
                .port(8081)
                .contentType("application/json")
                .body(eventJson)
                .when()
                .post();
    }

    /** The function's result; fails the test with the function's error when it threw. */
    public static JsonPath ok(String eventJson) {
        Response response = invoke(eventJson);
        if (response.statusCode() != 200) {
            throw new AssertionError("the function failed: " + response.asString());
        }
        return response.jsonPath();
    }

    /**
     * Polls (the test exports poll) until the job has ended: the state machine's loop without its waits, for a
     * simulator that finishes in a fraction of a second.
     */
    public static JsonPath pollUntilEnded(String state) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonPath polled = ok(state);
            if (!"pending".equals(polled.getString("status"))) {
                return polled;
            }
            state = polled.prettify();
            Thread.sleep(50);
        }
        throw new AssertionError("the job did not end in 100 polls");
    }

    /** The error the function threw: errorType (the error name) and errorMessage. */
    public static JsonPath error(String eventJson) {
        return error(eventJson.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonPath error(byte[] eventJson) {
        Response response = invoke(eventJson);
        if (response.statusCode() == 200) {
            throw new AssertionError("the function should have failed but returned " + response.asString());
        }
        return response.jsonPath();
    }
}
