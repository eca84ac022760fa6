package io.imagineflow.store;

import io.imagineflow.aws.AwsErrors;
import io.imagineflow.batch.BatchFiles;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.InputStream;
import java.nio.file.Path;

/** A batch's manifest and results manifest, read and written with the functions' S3 client. */
@ApplicationScoped
public class S3BatchFiles implements BatchFiles {

    private final S3Client s3;

    S3BatchFiles(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public String etag(String bucket, String key, long maxBytes) {
        HeadObjectResponse head;
        try {
            head = AwsErrors.call(
                    "S3",
                    "read the manifest s3://" + bucket + "/" + key,
                    () -> s3.headObject(b -> b.bucket(bucket).key(key)),
                    S3Exception.class);
        } catch (S3Exception e) {
            if (AwsErrors.transientFailure(e)) {
                throw new JobUnavailable("S3 could not read the manifest (" + e.statusCode() + ")", e);
            }
            throw new JobInvalid(
                    "manifest",
                    "s3://" + bucket + "/" + key
                            + (e.statusCode() == 404
                                    ? " does not exist"
                                    : " cannot be read" + " by the function (HTTP " + e.statusCode() + ")"));
        }
        if (head.contentLength() != null && head.contentLength() > maxBytes) {
            throw new JobInvalid("manifest", "is " + head.contentLength() + " bytes, over " + maxBytes);
        }
        return head.eTag();
    }

    @Override
    public InputStream open(String bucket, String key, String etag) {
        return AwsErrors.call(
                "S3",
                "read the manifest s3://" + bucket + "/" + key,
                () -> s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(etag)));
    }

    @Override
    public void write(String bucket, String key, Path file, String contentType) {
        AwsErrors.call(
                "S3",
                "write s3://" + bucket + "/" + key,
                () -> s3.putObject(
                        b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file)));
    }
}
