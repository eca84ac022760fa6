package io.imagineflow.store;

import io.imagineflow.aws.AwsErrors;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobUnavailable;
import io.imagineflow.job.MediaRef;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/** Reads S3 objects that are job inputs: their metadata, and their bytes streamed to a file. */
@ApplicationScoped
public class S3Objects {

    private final S3Client s3;

    S3Objects(S3Client s3) {
        this.s3 = s3;
    }

    /** What S3 says about an object; {@code metadata} is its user metadata (x-amz-meta-*), names lower-cased. */
    public record Info(String etag, String versionId, long size, String contentType, Map<String, String> metadata) {}

    public Info head(MediaRef.S3Object object, String field) {
        HeadObjectResponse head = call(
                object,
                field,
                () -> s3.headObject(
                        b -> b.bucket(object.bucket()).key(object.key()).versionId(object.versionId())));
        return new Info(
                head.eTag(),
                head.versionId(),
                head.contentLength() == null ? -1 : head.contentLength(),
                head.contentType(),
                head.metadata() == null ? Map.of() : head.metadata());
    }

    /** Streams the object to {@code target}; {@code etag} pins the version that was looked at. */
    public void download(MediaRef.S3Object object, String etag, Path target, String field) {
        call(
                object,
                field,
                () -> s3.getObject(
                        b -> b.bucket(object.bucket())
                                .key(object.key())
                                .versionId(object.versionId())
                                .ifMatch(etag),
                        ResponseTransformer.toFile(target)));
    }

    private static <T> T call(MediaRef.S3Object object, String field, Supplier<T> call) {
        try {
            return call.get();
        } catch (S3Exception e) {
            int status = e.statusCode();
            if (status == 404) {
                throw new JobInvalid(field, object.describe() + " does not exist");
            }
            if (status == 403) {
                throw new JobInvalid(field, object.describe() + " cannot be read by the function (access denied)");
            }
            if (status == 412) {
                throw new JobUnavailable(object.describe() + " changed while it was being read", e);
            }
            if (AwsErrors.transientFailure(e)) {
                throw new JobUnavailable("S3 could not serve " + object.describe() + " (" + status + ")", e);
            }
            throw new JobInvalid(field, "S3 refused to serve " + object.describe() + " (HTTP " + status + ")");
        } catch (SdkClientException e) {
            throw new JobUnavailable("S3 could not be reached for " + object.describe(), e);
        } catch (SdkException e) {
            throw new JobUnavailable("S3 failed to serve " + object.describe(), e);
        }
    }
}
