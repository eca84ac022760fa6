package io.imagineflow.xai;

import io.imagineflow.sim.SimulatorOptions;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** With a secret ARN configured, the key comes from Secrets Manager, once per container, and goes nowhere else. */
@QuarkusTest
@TestProfile(SecretsManagerKeyTest.FromSecret.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class SecretsManagerKeyTest {

    static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:imagine-flow/xai-AbCdEf";
    static final String KEY = "xai-from-secrets-manager-not-a-secret-0002";

    public static class FromSecret extends Profiles.Submit {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "submit", "xai.api-key-secret-arn", ARN);
        }
    }

    private final XaiSimulator sim = XaiSimulatorResource.simulator();

    @BeforeEach
    void requireTheSecretsKey() {
        sim.reset();
        DynamoDbLocalResource.clear();
        AwsStubsResource.json().putSecret(ARN, "{\"XAI_API_KEY\":\"" + KEY + "\"}");
        sim.configure(SimulatorOptions.fast().withApiKey(KEY));
    }

    @AfterEach
    void restore() {
        sim.configure(SimulatorOptions.fast());
    }

    @Test
    void theKeyIsReadFromTheSecretOnceAndNeverStored() {
        int before = AwsStubsResource.json().secretReads();
        JsonPath first = Lambda.ok("{\"operation\":\"image_generate\",\"prompt\":\"A key-shaped cloud, 1\"}");
        Lambda.ok("{\"operation\":\"image_generate\",\"prompt\":\"A key-shaped cloud, 2\"}");

        assertEquals("pending", first.getString("status"));
        assertEquals(1, AwsStubsResource.json().secretReads() - before, "fetched once per container");
        assertFalse(first.prettify().contains(KEY));
        assertFalse(DynamoDbLocalResource.items().toString().contains(KEY));
    }
}
