package io.imagineflow.job;

/**
 * The deployment is wrong: an AWS service refused a call for a reason that no retry mends (a table or state
 * machine that does not exist, a permission the role lacks). Not retried; the message names the service.
 */
public final class JobMisconfigured extends JobException {

    public JobMisconfigured(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.JOB_MISCONFIGURED;
    }
}
