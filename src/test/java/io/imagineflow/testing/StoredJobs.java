package io.imagineflow.testing;

import io.imagineflow.job.Hashes;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobState;
import io.imagineflow.job.JobStore;

import java.time.Instant;
import java.util.UUID;

/** Jobs put straight into a job store, as submit would leave them, for tests of what reads them (the API, webhooks). */
public final class StoredJobs {

    private StoredJobs() {}

    /** A fresh job id with {@code prefix}, unique across the tests that share a table. */
    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    /** Job {@code id} claimed at {@code at} from an API request and taken by xAI as {@code req-<id>}: running. */
    public static JobState running(JobStore store, String id, JobRequest request, Instant at) {
        store.claim(
                new JobStore.NewJob(
                        id,
                        Hashes.request(request),
                        request.operation(),
                        request.model(),
                        Hashes.prompt(request.prompt()),
                        "api",
                        request.user(),
                        request.tags(),
                        at,
                        request.deliverTo(),
                        request.outputCount(),
                        request.webhook()),
                at,
                at.plusSeconds(90));
        JobState state = JobState.started(id, request, "req-" + id, at, at.plusSeconds(1800), 5, null);
        store.started(state);
        return state;
    }
}
