package io.imagineflow.job;

import io.imagineflow.ops.Metric;
import io.imagineflow.ops.Metric.Dimensions;
import io.imagineflow.ops.Metrics;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * A job's figures as metrics (docs/operations.md): started, how long xAI took and how long its end went unseen,
 * how it ended and what it cost, and how its outputs reached the bucket (by xAI's upload, or by finalize's copy:
 * the fallback). The end is written once per job: only by the write that made the record final, never by a
 * retried finalize that found it so.
 */
@ApplicationScoped
public class JobMetrics {

    private final Metrics metrics;

    public JobMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    /** xAI took the job. */
    void started(JobState state) {
        metrics.put(Metric.JOBS_STARTED, 1, job(state.operation(), state.model()));
    }

    /** The job waits for a start under its model's rate limit. */
    void queued(JobState state) {
        metrics.put(Metric.JOBS_QUEUED, 1, job(state.operation(), state.model()));
    }

    /**
     * A poll saw the job end at xAI ({@code now}): it was generating since {@code before.submittedAt()}, and
     * ended at most one wait ({@code before.nextPollSeconds()}) ago.
     */
    void detected(JobState before, Instant now) {
        if (before.submittedAt() == null) {
            return;
        }
        double generation =
                Math.max(0, Duration.between(before.submittedAt(), now).toMillis() / 1000.0);
        double unseen = Math.min(generation, Math.max(0, before.nextPollSeconds()));
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        values.put(Metric.GENERATION_TIME, generation);
        values.put(Metric.DETECTION_DELAY, unseen);
        metrics.put(values, job(before.operation(), before.model()));
    }

    /** The record just made final: its outcome, polls and cost. */
    void ended(JobRecord record) {
        Map<String, String> dimensions =
                job(record.asked().operation(), record.asked().model());
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        JobStatus outcome = record.outcome();
        if (outcome == JobStatus.DONE) {
            values.put(Metric.JOBS_SUCCEEDED, 1.0);
        } else if (outcome == JobStatus.MODERATED) {
            values.put(Metric.JOBS_MODERATED, 1.0);
        } else if (outcome == JobStatus.CANCELLED) {
            values.put(Metric.JOBS_CANCELLED, 1.0);
        } else {
            Map<String, String> failure = new HashMap<>(dimensions);
            failure.put(
                    Dimensions.ERROR_CODE,
                    record.error() == null ? null : record.error().code().code());
            metrics.put(Metric.JOBS_FAILED, 1, failure);
        }
        if (record.polls() != null && record.xaiRequestId() != null) {
            values.put(Metric.POLLS_PER_JOB, record.polls().doubleValue());
        }
        if (record.cost() != null && record.cost().usd() != null) {
            values.put(Metric.COST_USD, record.cost().usd().doubleValue());
        }
        metrics.put(values, dimensions);
        if (record.outputs() != null) {
            // From the final record, so that a retried finalize does not count an output twice.
            for (JobOutput output : record.outputs()) {
                if (output.deliveredBy() != null) {
                    metrics.put(
                            Metric.OUTPUTS_DELIVERED,
                            1,
                            Map.of(Dimensions.PATH, output.deliveredBy().id()));
                }
            }
        }
    }

    private static Map<String, String> job(Operation operation, String model) {
        Map<String, String> dimensions = new HashMap<>();
        dimensions.put(Dimensions.OPERATION, operation == null ? null : operation.id());
        dimensions.put(Dimensions.MODEL, model);
        return dimensions;
    }
}
