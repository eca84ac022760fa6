package io.imagineflow.job;

/** The job id (or idempotency key) is already taken by a different request: refused, never answered wrongly. */
public final class JobConflict extends JobException {

    public JobConflict(String jobId) {
        super("job " + jobId + " already exists with a different request; use another idempotency key", null);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.JOB_CONFLICT;
    }
}
