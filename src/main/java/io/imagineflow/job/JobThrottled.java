package io.imagineflow.job;

/** xAI is rate limiting and did not take the job; {@code retryAfterSeconds} is xAI's own advice. */
public final class JobThrottled extends JobException {

    private final long retryAfterSeconds;

    public JobThrottled(String message, long retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.JOB_THROTTLED;
    }
}
