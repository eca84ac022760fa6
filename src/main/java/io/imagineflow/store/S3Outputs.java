package io.imagineflow.store;

import io.imagineflow.aws.AwsErrors;
import io.imagineflow.job.Arrival;
import io.imagineflow.job.DeliveryConfig;
import io.imagineflow.job.JobUnavailable;
import io.imagineflow.job.OutputStore;
import io.imagineflow.job.S3Location;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The delivery bucket through the AWS SDK: presigned PUT URLs for xAI, HEAD checks, a streamed copy (one part
 * in memory at a time, multipart beyond one part) and a server-side move.
 */
@ApplicationScoped
public class S3Outputs implements OutputStore {

    private static final Logger LOG = Logger.getLogger(S3Outputs.class);
    /** User metadata (x-amz-meta-imagine-flow-copy) on the copies finalize makes. */
    static final String COPY_MARK = "imagine-flow-copy";

    private static final Map<String, String> COPY_METADATA = Map.of(COPY_MARK, "1");

    /** SigV4's limit on a presigned URL's life. */
    static final Duration MAX_URL_LIFE = Duration.ofDays(7);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final DeliveryConfig config;
    private final Clock clock;
    /** The credentials the presigner signs with (the SDK's default chain), read only to learn their expiry. */
    private final AwsCredentialsProvider credentials = DefaultCredentialsProvider.create();

    private volatile boolean credentialsChecked;

    S3Outputs(S3Client s3, S3Presigner presigner, DeliveryConfig config, Clock clock) {
        this.s3 = s3;
        this.presigner = presigner;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public URI presignPut(String bucket, String key, Instant expiresAt) {
        // SigV4 takes whole seconds from 1 s to 7 days.
        long seconds =
                Duration.between(clock.instant(), expiresAt).plusMillis(999).toSeconds();
        Duration signed = Duration.ofSeconds(Math.max(1, Math.min(seconds, MAX_URL_LIFE.toSeconds())));
        warnIfCredentialsDieFirst(expiresAt);
        // Only the host is signed: xAI sends the media's own Content-Type, which finalize then checks.
        return AwsErrors.call(
                "S3",
                "presign an upload to s3://" + bucket + "/" + key,
                () -> {
                    try {
                        return presigner
                                .presignPutObject(b -> b.signatureDuration(signed)
                                        .putObjectRequest(p -> p.bucket(bucket).key(key)))
                                .url()
                                .toURI();
                    } catch (java.net.URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                },
                S3Exception.class);
    }

    @Override
    public URI presignGet(S3Location object, Instant expiresAt) {
        long seconds =
                Duration.between(clock.instant(), expiresAt).plusMillis(999).toSeconds();
        Duration signed = Duration.ofSeconds(Math.max(1, Math.min(seconds, MAX_URL_LIFE.toSeconds())));
        return AwsErrors.call(
                "S3",
                "presign a download of s3://" + object.bucket() + "/" + object.key(),
                () -> {
                    try {
                        return presigner
                                .presignGetObject(b -> b.signatureDuration(signed)
                                        .getObjectRequest(g -> g.bucket(object.bucket())
                                                .key(object.key())
                                                .versionId(object.versionId())))
                                .url()
                                .toURI();
                    } catch (java.net.URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                },
                S3Exception.class);
    }

    /**
     * A presigned URL stops working when the temporary credentials that signed it expire, whatever its own expiry
     * says. Lambda passes its role's credentials through the environment without their expiry, so on Lambda this
     * learns nothing; where the expiry is known (a container credentials endpoint, an assumed role) a URL that
     * would die first is said. Looked at once per container, at its first signature, so the credentials are not
     * resolved a second time for every URL. Either way finalize copies what xAI could not upload.
     */
    private void warnIfCredentialsDieFirst(Instant expiresAt) {
        if (credentialsChecked) {
            return;
        }
        credentialsChecked = true;
        try {
            if (credentials.resolveCredentials() instanceof AwsSessionCredentials session
                    && session.expirationTime().isPresent()
                    && session.expirationTime().get().isBefore(expiresAt)) {
                LOG.warnf(
                        "upload URLs are signed with credentials that expire at %s, before the URL's %s: an upload"
                                + " after that is refused, and finalize copies the output instead",
                        session.expirationTime().get(), expiresAt);
            }
        } catch (RuntimeException unknown) {
            // No credentials to look at here: the presigner reports that itself.
        }
    }

    @Override
    public Optional<Stored> head(String bucket, String key) {
        try {
            HeadObjectResponse head = call(
                    "look at s3://" + bucket + "/" + key,
                    () -> s3.headObject(b -> b.bucket(bucket).key(key)));
            boolean ours = head.metadata() != null && head.metadata().containsKey(COPY_MARK);
            return Optional.of(new Stored(location(bucket, key, head), ours ? Arrival.COPIED : Arrival.XAI_UPLOAD));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw refused("look at", bucket, key, e);
        }
    }

    @Override
    public List<String> keys(String bucket, String prefix) {
        try {
            List<String> keys = new ArrayList<>();
            for (S3Object object : call(
                            "list s3://" + bucket + "/" + prefix,
                            () -> s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)))
                    .contents()) {
                keys.add(object.key());
            }
            return keys;
        } catch (S3Exception e) {
            throw refused("list", bucket, prefix, e);
        }
    }

    @Override
    public S3Location copy(InputStream in, String contentType, String bucket, String key) {
        int partSize = Math.max(5 * 1024 * 1024, config.copyPartBytes());
        byte[] part = new byte[partSize];
        try {
            int first = in.readNBytes(part, 0, partSize);
            if (first < partSize) {
                call(
                        "copy to s3://" + bucket + "/" + key,
                        () -> s3.putObject(
                                b -> b.bucket(bucket)
                                        .key(key)
                                        .contentType(contentType)
                                        .metadata(COPY_METADATA),
                                body(part, first)));
            } else {
                multipart(in, part, first, contentType, bucket, key);
            }
        } catch (IOException e) {
            throw new JobUnavailable("the output for s3://" + bucket + "/" + key + " broke off while copying", e);
        } catch (S3Exception e) {
            throw refused("copy to", bucket, key, e);
        }
        return head(bucket, key)
                .map(Stored::location)
                .orElseThrow(
                        () -> new JobUnavailable("s3://" + bucket + "/" + key + " is not there after a copy", null));
    }

    /** One part buffered at a time; an upload that fails is aborted so no invisible parts are left (and paid). */
    private void multipart(InputStream in, byte[] part, int filled, String contentType, String bucket, String key)
            throws IOException {
        String uploadId = call(
                        "start a multipart copy to s3://" + bucket + "/" + key,
                        () -> s3.createMultipartUpload(b -> b.bucket(bucket)
                                .key(key)
                                .contentType(contentType)
                                .metadata(COPY_METADATA)))
                .uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        try {
            int size = filled;
            int number = 1;
            while (size > 0) {
                int n = number;
                int partBytes = size;
                String etag = call(
                                "copy part " + n + " to s3://" + bucket + "/" + key,
                                () -> s3.uploadPart(
                                        b -> b.bucket(bucket)
                                                .key(key)
                                                .uploadId(uploadId)
                                                .partNumber(n),
                                        body(part, partBytes)))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
                number++;
                size = in.readNBytes(part, 0, part.length);
            }
            call(
                    "finish the copy to s3://" + bucket + "/" + key,
                    () -> s3.completeMultipartUpload(
                            b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                // The bucket's lifecycle rule removes incomplete uploads; the template sets one.
                LOG.warnf("could not abort the multipart copy to s3://%s/%s: %s", bucket, key, abortFailed);
            }
            throw e;
        }
    }

    @Override
    public Stored move(String bucket, String from, String to) {
        try {
            call(
                    "move s3://" + bucket + "/" + from + " to " + to,
                    () -> s3.copyObject(b -> b.sourceBucket(bucket)
                            .sourceKey(from)
                            .destinationBucket(bucket)
                            .destinationKey(to)));
            call(
                    "remove s3://" + bucket + "/" + from,
                    () -> s3.deleteObject(b -> b.bucket(bucket).key(from)));
        } catch (S3Exception e) {
            throw refused("move", bucket, from, e);
        }
        return head(bucket, to)
                .orElseThrow(
                        () -> new JobUnavailable("s3://" + bucket + "/" + to + " is not there after a move", null));
    }

    /**
     * The buffer's first {@code size} bytes as a request body, without the copy that {@code fromBytes} makes: a
     * ByteArrayInputStream can be reset, so the SDK can still retry the part.
     */
    private static RequestBody body(byte[] buffer, int size) {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, size), size);
    }

    private static S3Location location(String bucket, String key, HeadObjectResponse head) {
        return new S3Location(
                bucket,
                key,
                head.versionId(),
                head.eTag(),
                head.contentLength() == null ? 0 : head.contentLength(),
                head.contentType());
    }

    /** S3's own refusals (404, 403...) reach the caller; throttling and server errors become JobUnavailable. */
    private static <T> T call(String what, Supplier<T> call) {
        return AwsErrors.call("S3", what, call, S3Exception.class);
    }

    private static RuntimeException refused(String what, String bucket, String key, S3Exception e) {
        if (AwsErrors.transientFailure(e)) {
            return new JobUnavailable("S3 could not " + what + " s3://" + bucket + "/" + key, e);
        }
        return new io.imagineflow.job.JobMisconfigured(
                "S3 refused to " + what + " s3://" + bucket + "/" + key + " (HTTP " + e.statusCode()
                        + "): the functions' role needs rights on the delivery bucket",
                e);
    }
}
