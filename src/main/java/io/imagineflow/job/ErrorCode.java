package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every error code a job record's {@code error.code} or a function's failure can carry, in one place: who raises
 * it, whether the state machine retries it (and how), and how the job ends when it is not retried or retries run
 * out. The state machine's Retry lists, the error table of docs/errors.md and the exceptions are checked against this
 * catalogue by tests that fail when they drift ({@code ErrorCatalogueTest}).
 */
@RegisterForReflection
public enum ErrorCode {
    JOB_INVALID(
            "JobInvalid",
            Raised.FUNCTION,
            Retry.NEVER,
            Ends.FAILED,
            "the event or request breaks a rule; the message names each field and rule"),
    JOB_CONFLICT(
            "JobConflict",
            Raised.FUNCTION,
            Retry.NEVER,
            Ends.LEFT_TO_OWNER,
            "the job id (or idempotency key) belongs to a different request"),
    JOB_IN_PROGRESS(
            "JobInProgress",
            Raised.FUNCTION,
            Retry.TRANSIENT,
            Ends.LEFT_TO_OWNER,
            "another submit of the same job holds a live claim"),
    JOB_THROTTLED(
            "JobThrottled",
            Raised.FUNCTION,
            Retry.THROTTLED,
            Ends.FAILED,
            "xAI answered 429 beyond the client's own retries; the job was not taken"),
    JOB_UNAVAILABLE(
            "JobUnavailable",
            Raised.FUNCTION,
            Retry.TRANSIENT,
            Ends.FAILED,
            "xAI could not be reached before anything was sent, a status call failed, or DynamoDB, S3, Step"
                    + " Functions or Secrets Manager were unavailable"),
    JOB_UNAUTHORIZED(
            "JobUnauthorized",
            Raised.FUNCTION,
            Retry.NEVER,
            Ends.FAILED,
            "no xAI key, a rejected key, or an unreadable key secret"),
    JOB_MISCONFIGURED(
            "JobMisconfigured",
            Raised.FUNCTION,
            Retry.NEVER,
            Ends.FAILED,
            "the deployment is wrong: an AWS service refused a call for good (a missing table or state machine, a"
                    + " denied permission)"),
    JOB_INTERNAL(
            "JobInternal",
            Raised.FUNCTION,
            Retry.NEVER,
            Ends.FAILED,
            "a defect: a function failed with an error outside this catalogue (its name is not kept)"),
    JOB_QUEUE_TIMEOUT(
            "JobQueueTimeout",
            Raised.OUTCOME,
            Retry.NEVER,
            Ends.FAILED,
            "no start under the model's rate limit within imagine.job.rate.max-queue (a paused model, or a queue"
                    + " far longer than the limit serves); xAI was never called"),
    JOB_TIMED_OUT("JobTimedOut", Raised.OUTCOME, Retry.NEVER, Ends.TIMED_OUT, "still pending at the job's deadline"),
    JOB_POLL_LIMIT(
            "JobPollLimit",
            Raised.STATE_MACHINE,
            Retry.NEVER,
            Ends.FAILED,
            "still pending after the state machine's bound on polls (the deadline comes first)"),
    XAI_FAILED(
            "XaiFailed",
            Raised.OUTCOME,
            Retry.NEVER,
            Ends.FAILED,
            "xAI reported the generation failed; xAI's own code is in error.xaiCode"),
    XAI_MODERATED(
            "XaiModerated",
            Raised.OUTCOME,
            Retry.NEVER,
            Ends.MODERATED,
            "moderation refused the output (billed; the cost is recorded)"),
    XAI_EXPIRED(
            "XaiExpired",
            Raised.OUTCOME,
            Retry.NEVER,
            Ends.EXPIRED,
            "xAI no longer has the result, or no longer knows the request"),
    XAI_OUTCOME_UNKNOWN(
            "XaiOutcomeUnknown",
            Raised.OUTCOME,
            Retry.NEVER,
            Ends.FAILED,
            "the answer to the start was lost after sending; not resent, so never paid twice (with delivery on,"
                    + " the job waits for its output in S3 first)"),
    DELIVERY_FAILED(
            "DeliveryFailed",
            Raised.OUTCOME,
            Retry.NEVER,
            Ends.FAILED,
            "an output could not be put in the delivery bucket; xAI's URL and file id stay in the record"),
    JOB_CANCELLED(
            "JobCancelled",
            Raised.OUTCOME,
            Retry.NEVER,
            Ends.CANCELLED,
            "cancelled through POST /jobs/{id}/cancel; cancel.xaiAccepted says whether xAI had taken (and bills) the"
                    + " generation"),
    WEBHOOK_FAILED(
            "WebhookFailed",
            Raised.FUNCTION,
            Retry.WEBHOOK,
            Ends.UNCHANGED,
            "the webhook receiver did not answer 2xx in time; retried for over 24 hours, then given up"
                    + " (webhookDelivery.gaveUpAt)"),
    WEBHOOK_REFUSED(
            "WebhookRefused",
            Raised.FUNCTION,
            Retry.NEVER,
            Ends.UNCHANGED,
            "the webhook URL broke an outbound rule when it was called (its host resolved to a private, loopback,"
                    + " link-local or metadata address); given up at once"),
    LAMBDA_SERVICE(
            "Lambda.ServiceException", Raised.PLATFORM, Retry.LAMBDA, Ends.FAILED, "Lambda failed to run the function"),
    LAMBDA_AWS(
            "Lambda.AWSLambdaException",
            Raised.PLATFORM,
            Retry.LAMBDA,
            Ends.FAILED,
            "Lambda failed to run the function"),
    LAMBDA_SDK_CLIENT(
            "Lambda.SdkClientException",
            Raised.PLATFORM,
            Retry.LAMBDA,
            Ends.FAILED,
            "Step Functions could not reach Lambda"),
    LAMBDA_TOO_MANY_REQUESTS(
            "Lambda.TooManyRequestsException",
            Raised.PLATFORM,
            Retry.LAMBDA,
            Ends.FAILED,
            "the function's concurrency was used up"),
    STATES_TIMEOUT(
            "States.Timeout", Raised.PLATFORM, Retry.TIMEOUT, Ends.FAILED, "the task ran past its TimeoutSeconds"),
    SANDBOX_TIMEDOUT(
            "Sandbox.Timedout", Raised.PLATFORM, Retry.TIMEOUT, Ends.FAILED, "the function ran past its own timeout"),
    LAMBDA_UNKNOWN(
            "Lambda.Unknown",
            Raised.PLATFORM,
            Retry.TIMEOUT,
            Ends.FAILED,
            "the function ended without an answer (out of memory, killed)"),
    RUNTIME_EXIT_ERROR(
            "Runtime.ExitError",
            Raised.PLATFORM,
            Retry.NEVER,
            Ends.FAILED,
            "the function's process exited during the call"),
    STATES_TASK_FAILED(
            "States.TaskFailed", Raised.PLATFORM, Retry.NEVER, Ends.FAILED, "a task failed without a name of its own"),
    STATES_RUNTIME(
            "States.Runtime",
            Raised.PLATFORM,
            Retry.NEVER,
            Ends.FAILED,
            "Step Functions could not process a state's input or output"),
    STATES_DATA_LIMIT(
            "States.DataLimitExceeded",
            Raised.PLATFORM,
            Retry.NEVER,
            Ends.FAILED,
            "a state's input or output was over 256 KB");

    /** Where the code comes from. */
    public enum Raised {
        /** A function fails with it: Lambda's error name is {@link #errorName()}. */
        FUNCTION,
        /** A job's outcome, recorded in its state and record; no function fails with it. */
        OUTCOME,
        /** The state machine raises it itself (a Pass state's Error). */
        STATE_MACHINE,
        /** Lambda or Step Functions report it; the state machine catches it and the record keeps its name. */
        PLATFORM
    }

    /** The state machine's Retry rule that matches the code; every Task state has each rule but NEVER. */
    public enum Retry {
        NEVER,
        /** After a while (xAI's rate limit): 5 s, doubling, up to 6 attempts. */
        THROTTLED,
        /** Soon: 2 s, doubling, up to 6 attempts. */
        TRANSIENT,
        /** Lambda's own transient failures: 1 s, doubling, up to 6 attempts. */
        LAMBDA,
        /** A call that ran out of time: twice, on every Task but Submit (a submit that timed out may have started the job). */
        TIMEOUT,
        /**
         * The webhook machine's own schedule (infra/statemachine/webhook-delivery.asl.json): 30 s, doubling up to
         * an hour, for over 24 hours in all.
         */
        WEBHOOK
    }

    /** How the job ends when the code is final. */
    public enum Ends {
        FAILED,
        MODERATED,
        EXPIRED,
        TIMED_OUT,
        /** The record is another execution's to write: this one leaves it alone (see FinalizeService). */
        LEFT_TO_OWNER,
        /** Cancelled by its owner: the record says so, and whether xAI bills the generation anyway. */
        CANCELLED,
        /** Not the job's failure: a webhook's, after the job ended; the job's record keeps its outcome. */
        UNCHANGED
    }

    private static final String FUNCTION_ERROR_PREFIX = "io.imagineflow.job.";

    private final String code;
    private final Raised raised;
    private final Retry retry;
    private final Ends ends;
    private final String meaning;

    ErrorCode(String code, Raised raised, Retry retry, Ends ends, String meaning) {
        this.code = code;
        this.raised = raised;
        this.retry = retry;
        this.ends = ends;
        this.meaning = meaning;
    }

    /** What a record's {@code error.code} says. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The code, as records say it (so logs and messages read the same). */
    @Override
    public String toString() {
        return code;
    }

    /** What Lambda reports and the state machine matches: the function errors keep the Java name they always had. */
    public String errorName() {
        return raised == Raised.FUNCTION ? FUNCTION_ERROR_PREFIX + code : code;
    }

    public Raised raised() {
        return raised;
    }

    public Retry retry() {
        return retry;
    }

    public boolean retried() {
        return retry != Retry.NEVER;
    }

    public Ends ends() {
        return ends;
    }

    public String meaning() {
        return meaning;
    }

    public static List<ErrorCode> retriedBy(Retry retry) {
        return Arrays.stream(values()).filter(c -> c.retry == retry).toList();
    }

    /** The code of a record's {@code error.code}, or of an error name Step Functions caught. */
    public static Optional<ErrorCode> of(String codeOrErrorName) {
        return Arrays.stream(values())
                .filter(c -> c.code.equals(codeOrErrorName) || c.errorName().equals(codeOrErrorName))
                .findFirst();
    }
}
