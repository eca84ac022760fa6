package io.imagineflow.testing;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** Posts an event to Quarkus's Lambda mock event server: the function is called through the door AWS uses. */
public final class Lambda {

    private Lambda() {
    }

    public static Response invoke(String eventJson) {
        return given().contentType("application/json").body(eventJson).when().post();
    }

    /** The function's result; fails the test with the function's error when it threw. */
    public static JsonPath ok(String eventJson) {
        Response response = invoke(eventJson);
        if (response.statusCode() != 200) {
            throw new AssertionError("the function failed: " + response.asString());
        }
        return response.jsonPath();
    }

    /** The error the function threw: errorType (the error name) and errorMessage. */
    public static JsonPath error(String eventJson) {
        Response response = invoke(eventJson);
        if (response.statusCode() == 200) {
            throw new AssertionError("the function should have failed but returned " + response.asString());
        }
        return response.jsonPath();
    }
}
