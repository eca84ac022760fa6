package io.imagineflow.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Profiles;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaMapperRecorder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The job state (what the state machine carries between states) and the job record (what users read) keep
 * their JSON to the byte, whatever their Java types: each golden file, written by the version before typed
 * times and factories, reads and writes back unchanged through the mappers that carry it in production (the
 * Lambda mapper at the functions' door, the application's mapper for DynamoDB).
 */
@QuarkusTest
@TestProfile(Profiles.Submit.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class JobJsonGoldenTest {

    @Inject
    ObjectMapper json;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "state-full.json, STATE",
        "state-pending.json, STATE",
        "state-planned.json, STATE",
        "record-full.json, RECORD",
        "record-claimed.json, RECORD",
        "record-cancelled.json, RECORD"
    })
    void theJsonOnTheWireIsUnchanged(String file, String kind) throws IOException {
        String golden = golden(file);
        Class<?> type = kind.equals("STATE") ? JobState.class : JobRecord.class;
        for (ObjectMapper mapper : new ObjectMapper[] {json, AmazonLambdaMapperRecorder.objectMapper}) {
            assertEquals(golden, mapper.writeValueAsString(mapper.readValue(golden, type)), file);
        }
    }

    private static String golden(String file) throws IOException {
        try (InputStream in = JobJsonGoldenTest.class.getResourceAsStream("/golden/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
