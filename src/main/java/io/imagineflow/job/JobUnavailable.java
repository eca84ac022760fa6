package io.imagineflow.job;

/**
 * xAI or an AWS service could not be reached or answered with a server error, in a way that leaves nothing
 * started or paid for: safe to retry.
 */
public final class JobUnavailable extends JobException {

    public JobUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.JOB_UNAVAILABLE;
    }
}
