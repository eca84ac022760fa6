package io.imagineflow.xai;

import io.imagineflow.sim.Route;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.xai.wire.GenerateVideoRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Without a key nothing is sent: the call fails at once as unauthorized, which no retry can mend. */
@QuarkusTest
@QuarkusTestResource(XaiSimulatorResource.class)
@TestProfile(XaiWithoutKeyTest.NoKey.class)
class XaiWithoutKeyTest {

    public static class NoKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("xai.api-key", "");
        }
    }

    @Inject
    XaiClient client;

    @Test
    void aCallWithoutAKeyIsUnauthorizedAndNeverReachesXai() {
        XaiSimulatorResource.simulator().reset();
        XaiException.Unauthorized e = assertThrows(
                XaiException.Unauthorized.class,
                () -> client.startVideoGeneration(GenerateVideoRequest.fromText(null, "no key", 1)));
        assertEquals("no xAI API key is configured: set XAI_API_KEY or XAI_API_KEY_SECRET_ARN", e.getMessage());
        assertFalse(e.retryable());
        assertEquals(0, XaiSimulatorResource.simulator().ledger().requests(Route.GENERATE_VIDEO));
    }
}
