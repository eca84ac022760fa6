package io.imagineflow.job;

import java.time.Instant;

/**
 * Another submit of the same job holds the claim and has not finished. Retrying after the claim expires either
 * finds the job started or takes the claim over from a submit that crashed.
 */
public final class JobInProgress extends JobException {

    public JobInProgress(String jobId, Instant claimExpiresAt) {
        super(
                "job " + jobId + " is being submitted by another invocation (claim held until " + claimExpiresAt + ")",
                null);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.JOB_IN_PROGRESS;
    }
}
