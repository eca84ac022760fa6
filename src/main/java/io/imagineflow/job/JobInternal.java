package io.imagineflow.job;

/**
 * A defect: a function failed with an error outside the catalogue (a NullPointerException, say). The edge of
 * each function reports it under this name, so no library or JDK class name reaches Step Functions or a record.
 */
public final class JobInternal extends JobException {

    public JobInternal(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.JOB_INTERNAL;
    }
}
