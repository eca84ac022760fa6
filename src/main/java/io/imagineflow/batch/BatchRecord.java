package io.imagineflow.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.imagineflow.job.JobCost;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * One batch (docs/batches.md): its manifest ({@code s3://bucket/key}) and number of lines, which run of it this is
 * (each start of the same manifest is one more), and once it has ended: its jobs counted by record status (and
 * {@code missing}: a line without a record), their cost, the first and last finish, and where the results
 * manifest is.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchRecord(
        String batchId,
        String manifest,
        int lines,
        int run,
        String status,
        Instant openedAt,
        Instant closedAt,
        Map<String, Integer> counts,
        JobCost cost,
        Instant firstFinishedAt,
        Instant lastFinishedAt,
        String results) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";

    public static BatchRecord opened(String batchId, String manifest, int lines, int run, Instant at) {
        return new BatchRecord(batchId, manifest, lines, run, RUNNING, at, null, null, null, null, null, null);
    }

    public BatchRecord closed(
            Instant at, Map<String, Integer> byStatus, JobCost total, Instant first, Instant last, String resultsAt) {
        return new BatchRecord(
                batchId,
                manifest,
                lines,
                run,
                COMPLETED,
                openedAt,
                at,
                Map.copyOf(byStatus),
                total,
                first,
                last,
                resultsAt);
    }
}
