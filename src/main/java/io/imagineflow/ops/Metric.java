package io.imagineflow.ops;

import software.amazon.cloudwatchlogs.emf.model.Unit;

import java.util.List;

/**
 * Every metric the functions write, in namespace {@value Metrics#NAMESPACE}: its name, unit and dimension sets.
 * The dimensions are few and of few values (seven operations, a handful of models, the error catalogue), since
 * every combination is a custom metric that CloudWatch bills; the empty set gives the total the alarms watch.
 */
public enum Metric {
    JOBS_STARTED("JobsStarted", Unit.COUNT, Dimensions.JOB),
    /** A submit that found no start slot under the model's rate limit (one per wait, so a job may count twice). */
    JOBS_QUEUED("JobsQueued", Unit.COUNT, Dimensions.JOB),
    JOBS_SUCCEEDED("JobsSucceeded", Unit.COUNT, Dimensions.JOB),
    JOBS_MODERATED("JobsModerated", Unit.COUNT, Dimensions.JOB),
    JOBS_CANCELLED("JobsCancelled", Unit.COUNT, Dimensions.JOB),
    JOBS_FAILED("JobsFailed", Unit.COUNT, Dimensions.FAILURE),
    /** From xAI's acceptance to the poll that saw the job end. */
    GENERATION_TIME("GenerationTime", Unit.SECONDS, Dimensions.JOB),
    /** The most the job's end went unseen: the wait before the poll that saw it (xAI ended within it). */
    DETECTION_DELAY("DetectionDelay", Unit.SECONDS, Dimensions.JOB),
    POLLS_PER_JOB("PollsPerJob", Unit.COUNT, Dimensions.JOB),
    COST_USD("CostUsd", Unit.NONE, Dimensions.JOB),
    /** A 429 from xAI, by call: {@code start} (a generation, an upload to xAI Files) or {@code read} (a look). */
    XAI_THROTTLED("XaiThrottled", Unit.COUNT, Dimensions.CALL_SETS),
    /** Outputs put in the user's bucket, by path: {@code xai_upload} (presigned URL), {@code copied} (fallback). */
    OUTPUTS_DELIVERED("OutputsDelivered", Unit.COUNT, Dimensions.PATH_SETS),
    /** Webhook attempts, by result: {@code delivered}, {@code failed} (retried later) or {@code given_up}. */
    WEBHOOK_ATTEMPTS("WebhookAttempts", Unit.COUNT, Dimensions.RESULT_SETS);

    private final String metricName;
    private final Unit unit;
    private final List<List<String>> dimensionSets;

    Metric(String metricName, Unit unit, List<List<String>> dimensionSets) {
        this.metricName = metricName;
        this.unit = unit;
        this.dimensionSets = dimensionSets;
    }

    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }

    /** The dimension sets, each a list of dimension names; the empty list is the total. */
    public List<List<String>> dimensionSets() {
        return dimensionSets;
    }

    /** The dimension names. */
    public static final class Dimensions {
        public static final String OPERATION = "Operation";
        public static final String MODEL = "Model";
        public static final String ERROR_CODE = "ErrorCode";
        public static final String CALL = "Call";
        public static final String PATH = "Path";
        public static final String RESULT = "Result";

        static final List<List<String>> JOB = List.of(List.of(OPERATION, MODEL), List.of());
        static final List<List<String>> FAILURE = List.of(List.of(OPERATION, MODEL), List.of(ERROR_CODE), List.of());
        static final List<List<String>> CALL_SETS = List.of(List.of(CALL), List.of());
        static final List<List<String>> PATH_SETS = List.of(List.of(PATH), List.of());
        static final List<List<String>> RESULT_SETS = List.of(List.of(RESULT));

        private Dimensions() {}
    }
}
