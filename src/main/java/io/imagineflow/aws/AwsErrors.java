package io.imagineflow.aws;

import software.amazon.awssdk.core.exception.SdkServiceException;

/** How the functions read an AWS service's refusal. */
public final class AwsErrors {

    private AwsErrors() {
    }

    /**
     * A server error or throttling, which the SDK has already retried: worth retrying later, unlike a refusal
     * (a missing resource, access denied) that only a change of deployment mends.
     */
    public static boolean transientFailure(SdkServiceException e) {
        return e.statusCode() >= 500 || e.isThrottlingException();
    }
}
