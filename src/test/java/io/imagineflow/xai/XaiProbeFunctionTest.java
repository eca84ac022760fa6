package io.imagineflow.xai;

import io.imagineflow.sim.XaiSimulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

/** The xAI client inside a Lambda invocation, posted to Quarkus's Lambda mock event server. */
@QuarkusTest
@QuarkusTestResource(XaiSimulatorResource.class)
class XaiProbeFunctionTest {

    @Test
    void aLambdaInvocationReachesXaiThroughTheClient() {
        given().contentType("application/json").body("{}").when().post().then().statusCode(200)
                .body("image", hasItem("grok-imagine-image"))
                .body("video", hasItem("grok-imagine-video-1.5"));
    }
}
