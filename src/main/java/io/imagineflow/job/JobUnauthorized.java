package io.imagineflow.job;

/** No usable xAI key (missing, rejected, or the secret cannot be read): a configuration fault, not retried. */
public final class JobUnauthorized extends JobException {

    public JobUnauthorized(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.JOB_UNAUTHORIZED;
    }
}
