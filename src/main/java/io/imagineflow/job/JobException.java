package io.imagineflow.job;

/**
 * Why a function refused or could not finish its step. Each kind has its code in the catalogue
 * ({@link ErrorCode}), which says whether the state machine retries it and how the job ends; {@link #errorName()}
 * is the error name Lambda reports and the state machine's Retry and Catch match (for example
 * {@code io.imagineflow.job.JobThrottled}). Messages never carry the xAI key.
 */
public abstract sealed class JobException extends RuntimeException
        permits JobInvalid,
                JobConflict,
                JobInProgress,
                JobThrottled,
                JobUnavailable,
                JobUnauthorized,
                JobMisconfigured,
                JobInternal,
                WebhookFailed,
                WebhookRefused {

    protected JobException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract ErrorCode code();

    /** A retry later can succeed: nothing was paid for and the job was not started. */
    public boolean retryable() {
        return code().retried();
    }

    /** The stable name the state machine matches. */
    public String errorName() {
        return code().errorName();
    }

    /** The failure a record keeps for this error. */
    public JobFailure failure() {
        return JobFailure.of(code(), getMessage());
    }
}
