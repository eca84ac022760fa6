package io.imagineflow.aws;

import io.imagineflow.job.JobMisconfigured;
import io.imagineflow.job.JobUnavailable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import java.util.function.Supplier;

/** How the functions read an AWS service's refusal. */
public final class AwsErrors {

    private AwsErrors() {}

    /**
     * A server error or throttling, which the SDK has already retried: worth retrying later, unlike a refusal
     * (a missing resource, access denied) that only a change of deployment mends.
     */
    public static boolean transientFailure(SdkServiceException e) {
        return e.statusCode() >= 500 || e.isThrottlingException();
    }

    /** Runs one call to {@code service} that has no refusal of the caller's own (see below). */
    public static <T> T call(String service, String what, Supplier<T> call) {
        return call(service, what, call, NoneOfTheCallers.class);
    }

    /**
     * Runs one call to {@code service}. {@code callersOwn} (a failed condition, a name already taken) is the
     * caller's business and passes through; throttling, server errors and lost connections become
     * {@link JobUnavailable} (safe to retry: the SDK already retried); any other refusal is a deployment fault,
     * named plainly, that retrying will not mend.
     */
    public static <T> T call(
            String service, String what, Supplier<T> call, Class<? extends SdkServiceException> callersOwn) {
        try {
            return call.get();
        } catch (SdkServiceException e) {
            if (callersOwn.isInstance(e)) {
                throw e;
            }
            if (transientFailure(e)) {
                throw new JobUnavailable(service + " could not " + what + " (" + e.statusCode() + ")", e);
            }
            String detail = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    ? aws.awsErrorDetails().errorMessage()
                    : e.getMessage();
            throw new JobMisconfigured(service + " refused to " + what + ": " + detail, e);
        } catch (SdkClientException e) {
            throw new JobUnavailable(service + " could not be reached to " + what, e);
        } catch (SdkException e) {
            throw new JobUnavailable(service + " failed to " + what, e);
        }
    }

    /** Never thrown: stands for "no refusal is the caller's own". */
    private static final class NoneOfTheCallers extends SdkServiceException {
        private NoneOfTheCallers(Builder builder) {
            super(builder);
        }
    }
}
