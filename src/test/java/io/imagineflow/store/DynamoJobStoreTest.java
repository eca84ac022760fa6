package io.imagineflow.store;

import io.imagineflow.job.JobStore;
import io.imagineflow.job.JobStoreContract;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The job table on DynamoDB (Local) keeps the rules of {@link JobStore}. */
@QuarkusTest
@TestProfile(Profiles.Submit.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class DynamoJobStoreTest extends JobStoreContract {

    @Inject
    JobStore store;

    @Override
    protected JobStore store() {
        DynamoDbLocalResource.clear();
        return store;
    }
}
