package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The durable record of one job, one DynamoDB item keyed by {@code jobId}: what was {@link Asked} (operation,
 * model, a hash of the prompt and of the whole request, never the prompt or the inputs themselves), what xAI did
 * (request id, outputs, cost), {@link Times when} (instants, ISO-8601 in JSON), how many polls it took, and why it
 * failed if it did. {@code announcedAt} is when the completion event went out, if one is configured.
 * While the job runs, poll keeps {@code progress} (0 to 100) and {@code estimatedCompletionAt} up to date;
 * {@code cancel} is there once the job's owner asked to cancel it, {@code webhookDelivery} once its
 * {@code completed} webhook was delivered or given up.
 * {@code recovered} is true for a job whose start answer was lost and whose outputs were looked for in S3; its
 * cost is then unknown ({@code costKnown: false}), never guessed.
 * <p>
 * The parts are nested here and flat in JSON ({@code @JsonUnwrapped}), so users, the table and the completion
 * event see one flat object, pinned by {@code JobJsonGoldenTest}. Built by {@link #claimed} and {@link #finished},
 * changed by withers: a new field is added to its part and to the one place that sets it.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRecord(
        String jobId,
        RecordStatus status,
        JobStatus outcome,
        @JsonUnwrapped Asked asked,
        String xaiRequestId,
        List<JobOutput> outputs,
        JobCost cost,
        @JsonUnwrapped Times times,
        Integer polls,
        JobFailure error,
        Instant announcedAt,
        Boolean recovered,
        Boolean costKnown,
        Integer progress,
        Instant estimatedCompletionAt,
        JobCancel cancel,
        WebhookReport webhookDelivery) {

    public JobRecord {
        asked = asked == null ? Asked.NOTHING : asked;
        times = times == null ? Times.NONE : times;
    }

    /** What was asked, as the claim knew it. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Asked(
            Operation operation,
            String model,
            String promptHash,
            String requestHash,
            String source,
            String user,
            Map<String, String> tags,
            DeliveryTarget deliverTo,
            Integer expectedOutputs,
            WebhookSpec webhook) {

        static final Asked NOTHING = new Asked(null, null, null, null, null, null, null, null, null, null);

        /** This, with what {@code claim} knew better kept: every field the claim set. */
        Asked under(Asked claim) {
            return new Asked(
                    first(claim.operation, operation),
                    first(claim.model, model),
                    claim.promptHash,
                    claim.requestHash,
                    claim.source,
                    claim.user,
                    claim.tags,
                    first(claim.deliverTo, deliverTo),
                    first(claim.expectedOutputs, expectedOutputs),
                    first(claim.webhook, webhook));
        }
    }

    /** When the job was received (claimed), submitted to xAI and finished, and its deadline. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Times(Instant receivedAt, Instant submittedAt, Instant finishedAt, Instant deadline) {

        static final Times NONE = new Times(null, null, null, null);

        Times started(Instant submitted, Instant until) {
            return new Times(receivedAt, submitted, finishedAt, until);
        }

        /** This, with the claim's received time and the times a running record already had kept. */
        Times under(Times claim) {
            return new Times(
                    claim.receivedAt,
                    first(claim.submittedAt, submittedAt),
                    finishedAt,
                    first(claim.deadline, deadline));
        }
    }

    /** A job as its submit claims it: what was asked, and when. */
    public static JobRecord claimed(JobStore.NewJob job) {
        Asked asked = new Asked(
                job.operation(),
                job.model(),
                job.promptHash(),
                job.requestHash(),
                job.source(),
                job.user(),
                job.tags().isEmpty() ? null : job.tags(),
                job.deliverTo(),
                job.expectedOutputs(),
                job.webhook());
        return new JobRecord(
                job.jobId(),
                RecordStatus.SUBMITTING,
                null,
                asked,
                null,
                null,
                null,
                new Times(job.receivedAt(), null, null, null),
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * The terminal record for {@code state}. What only the claim knew (received time, source, hashes) is left
     * out: the store keeps the values the claim wrote ({@link #over}).
     */
    public static JobRecord finished(JobState state, Instant finishedAt) {
        boolean recovered = Boolean.TRUE.equals(state.recovered());
        return new JobRecord(
                state.jobId(),
                switch (state.status()) {
                    case DONE -> RecordStatus.SUCCEEDED;
                    case CANCELLED -> RecordStatus.CANCELLED;
                    default -> RecordStatus.FAILED;
                },
                state.status(),
                new Asked(
                        state.operation(),
                        state.model(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        state.deliverTo(),
                        state.expectedOutputs(),
                        null),
                state.xaiRequestId(),
                state.outputs(),
                state.cost(),
                new Times(null, state.submittedAt(), finishedAt, state.deadline()),
                state.polls(),
                state.error(),
                null,
                recovered ? Boolean.TRUE : null,
                recovered ? Boolean.FALSE : null,
                state.status() == JobStatus.DONE ? Integer.valueOf(100) : state.progress(),
                null,
                null,
                null);
    }

    /** This claim once xAI took the job: running, with xAI's request id, the submit time and the deadline. */
    public JobRecord running(JobState started) {
        return new JobRecord(
                jobId,
                RecordStatus.RUNNING,
                outcome,
                asked,
                started.xaiRequestId(),
                outputs,
                cost,
                times.started(started.submittedAt(), started.deadline()),
                polls,
                error,
                announcedAt,
                started.recovered(),
                costKnown,
                progress,
                estimatedCompletionAt,
                cancel,
                webhookDelivery);
    }

    /**
     * This final record as the store keeps it over {@code claim} (null when there was none): what the end decides
     * is written, what the claim knew better (hashes, source, received time, request id, times) is kept.
     */
    public JobRecord over(JobRecord claim) {
        if (claim == null) {
            return this;
        }
        return new JobRecord(
                jobId,
                status,
                outcome,
                asked.under(claim.asked),
                first(claim.xaiRequestId, xaiRequestId),
                outputs,
                cost,
                times.under(claim.times),
                polls,
                error,
                announcedAt,
                recovered,
                costKnown,
                progress,
                first(estimatedCompletionAt, claim.estimatedCompletionAt),
                first(cancel, claim.cancel),
                first(webhookDelivery, claim.webhookDelivery));
    }

    /**
     * This record, with what {@code request} asked filled in where the record knows nothing: a job whose submit
     * failed before it claimed the job is recorded from its event alone, and must still tell its webhook.
     */
    public JobRecord askedFor(JobRequest request) {
        Asked known = new Asked(
                first(asked.operation, request.operation()),
                first(asked.model, request.model()),
                asked.promptHash,
                asked.requestHash,
                asked.source,
                first(asked.user, request.user()),
                first(asked.tags, request.tags().isEmpty() ? null : request.tags()),
                first(asked.deliverTo, request.deliverTo()),
                asked.expectedOutputs,
                first(asked.webhook, request.webhook()));
        return new JobRecord(
                jobId,
                status,
                outcome,
                known,
                xaiRequestId,
                outputs,
                cost,
                times,
                polls,
                error,
                announcedAt,
                recovered,
                costKnown,
                progress,
                estimatedCompletionAt,
                cancel,
                webhookDelivery);
    }

    /** The completion event of this record went out at {@code at}. */
    public JobRecord announced(Instant at) {
        return new JobRecord(
                jobId,
                status,
                outcome,
                asked,
                xaiRequestId,
                outputs,
                cost,
                times,
                polls,
                error,
                at,
                recovered,
                costKnown,
                progress,
                estimatedCompletionAt,
                cancel,
                webhookDelivery);
    }

    private static <T> T first(T kept, T given) {
        return kept != null ? kept : given;
    }

    /** The state the state machine would carry for this record: how a duplicate delivery is answered. */
    public JobState toState(int nextPollSeconds) {
        JobStatus current = status.terminal() ? outcome : JobStatus.PENDING;
        return JobState.of(this, current, current.terminal() ? 0 : nextPollSeconds);
    }
}
