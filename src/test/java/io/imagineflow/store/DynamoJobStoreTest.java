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
import org.junit.jupiter.api.Test;

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

    /** Jobs received on {@code days} days before {@code now}, tagged {@code run}; newest first by id. */
    private java.util.List<String> jobsOnDays(java.time.Instant now, String run, int... days) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int day : days) {
            String id = run + "-" + day;
            java.time.Instant at = now.minus(java.time.Duration.ofDays(day)).minusSeconds(60);
            io.imagineflow.job.JobRequest request = new io.imagineflow.job.JobRequest(
                    io.imagineflow.job.Operation.IMAGE_GENERATE,
                    "grok-imagine-image",
                    "x",
                    null,
                    null,
                    null,
                    java.util.Map.of("run", run),
                    null,
                    null,
                    null);
            store.claim(
                    new JobStore.NewJob(
                            id,
                            "h",
                            request.operation(),
                            request.model(),
                            null,
                            "api",
                            null,
                            request.tags(),
                            at,
                            null,
                            null,
                            null),
                    at,
                    at.plusSeconds(90));
            ids.add(id);
        }
        return ids;
    }

    @Test
    void aListingWalksTheMonthsBackToTheRetentionHorizonAndPagesAcrossThem() {
        DynamoDbLocalResource.clear();
        java.time.Instant now = java.time.Instant.parse("2026-11-29T12:00:00Z");
        // Today, yesterday, ten and forty days ago, and months past the 90 days a record is kept.
        java.util.List<String> ids = jobsOnDays(now, "walk", 0, 1, 10, 40, 130);

        java.util.List<String> seen = new java.util.ArrayList<>();
        String next = null;
        int calls = 0;
        do {
            io.imagineflow.job.JobPage page =
                    store.list(new io.imagineflow.job.JobQuery(null, null, "run", "walk", 1, next), now);
            page.jobs().forEach(j -> seen.add(j.jobId()));
            next = page.next();
            calls++;
        } while (next != null && calls < 20);

        org.junit.jupiter.api.Assertions.assertEquals(ids.subList(0, 4), seen);
        // A page per job, then one that walks the empty months to the horizon and ends the listing.
        org.junit.jupiter.api.Assertions.assertEquals(5, calls);
    }
}
