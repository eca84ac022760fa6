package io.imagineflow.functions;

import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SnapStart priming warms the first invocation's paths and sends nothing: no job, no call, no connection. */
@QuarkusTest
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class PrimingTest {

    @Inject
    Priming priming;

    @Test
    void primingBeforeTheSnapshotCallsNothingAndStoresNothing() throws Exception {
        XaiSimulator sim = XaiSimulatorResource.simulator();
        sim.reset();
        DynamoDbLocalResource.clear();
        AwsStubsResource.json().clear();

        priming.beforeCheckpoint(null);

        assertTrue(priming.prime().startsWith("key-"), "the sample event was translated into a job");
        assertEquals(0, sim.exchanges().size(), "no request reached xAI");
        assertTrue(DynamoDbLocalResource.items().isEmpty(), "no job was claimed");
        assertTrue(AwsStubsResource.json().events().isEmpty()
                && AwsStubsResource.json().executions().isEmpty());
    }
}
