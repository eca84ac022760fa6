package io.imagineflow.job;

/**
 * Why a function refused or could not finish its step. The class name is the error name Lambda reports and the
 * state machine's Retry and Catch match (for example {@code io.imagineflow.job.JobThrottled}); {@link #retryable()}
 * says which of them the state machine should retry. Messages never carry the xAI key.
 */
public abstract sealed class JobException extends RuntimeException
        permits JobInvalid, JobConflict, JobInProgress, JobThrottled, JobUnavailable, JobUnauthorized {

    protected JobException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A retry later can succeed: nothing was paid for and the job was not started. */
    public abstract boolean retryable();

    /** The stable name the state machine matches. */
    public String errorName() {
        return getClass().getName();
    }
}
