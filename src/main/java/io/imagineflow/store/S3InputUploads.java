package io.imagineflow.store;

import io.imagineflow.job.Hashes;
import io.imagineflow.job.Imagine;
import io.imagineflow.job.InputUploads;
import io.imagineflow.job.JobConfig;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobUnavailable;
import io.imagineflow.job.MediaRef;
import io.imagineflow.job.Sniff;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * S3 inputs uploaded to xAI Files, each object version once. The upload is remembered in the job table under
 * the object's bucket, key and version (or ETag), and reused until an hour before the file expires. The object
 * is streamed from S3 to the function's temporary disk and from there to xAI, never held in memory.
 */
@ApplicationScoped
public class S3InputUploads implements InputUploads {

    private static final Logger LOG = Logger.getLogger(S3InputUploads.class);
    /** A remembered upload is not handed out this close to its expiry: the job could outlive it. */
    private static final Duration REUSE_MARGIN = Duration.ofHours(1);

    private final S3Objects s3;
    private final Imagine imagine;
    private final DynamoDbClient db;
    private final StoreConfig store;
    private final JobConfig config;
    private final Clock clock;

    S3InputUploads(S3Objects s3, Imagine imagine, DynamoDbClient db, StoreConfig store, JobConfig config, Clock clock) {
        this.s3 = s3;
        this.imagine = imagine;
        this.db = db;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public MediaRef.FileId fileFor(MediaRef.S3Object object, String field, boolean video) {
        S3Objects.Info info = s3.head(object, field);
        long limit = config.limits().uploadBytes();
        if (info.size() > limit) {
            throw new JobInvalid(
                    field, object.describe() + " is " + info.size() + " bytes; xAI Files takes at most " + limit);
        }
        String version = info.versionId() != null ? info.versionId() : info.etag();
        String id = "upload-" + Hashes.of(List.of(object.bucket(), object.key(), String.valueOf(version)));
        Instant now = clock.instant();
        Optional<String> remembered = remembered(id, now);
        if (remembered.isPresent()) {
            LOG.debugf("%s: reusing xAI file %s", object.describe(), remembered.get());
            return new MediaRef.FileId(remembered.get());
        }
        Path file = tempFile();
        try {
            s3.download(object, info.etag(), file, field);
            String mediaType = mediaType(file, object, field, video);
            Duration expiresAfter = config.submit().uploadExpiresAfter();
            String fileId = imagine.upload(file, filename(object.key()), mediaType, expiresAfter);
            return new MediaRef.FileId(remember(id, fileId, object, version, now.plus(expiresAfter), now));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debugf("could not delete %s: %s", file, e.getMessage());
            }
        }
    }

    private Optional<String> remembered(String id, Instant now) {
        Map<String, AttributeValue> item = Dynamo.call(
                        "read upload " + id,
                        () -> db.getItem(b ->
                                b.tableName(store.table()).key(Dynamo.key(id)).consistentRead(true)))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        long expiresAt = Long.parseLong(item.get("expiresAt").n());
        return Instant.ofEpochSecond(expiresAt).isAfter(now.plus(REUSE_MARGIN))
                ? Optional.of(item.get("fileId").s())
                : Optional.empty();
    }

    /**
     * Records the upload unless a concurrent job recorded one first; then that one is used and this duplicate
     * is deleted from xAI Files, so one object keeps one file.
     */
    private String remember(
            String id, String fileId, MediaRef.S3Object object, String version, Instant expiresAt, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(id));
        item.put("kind", AttributeValue.fromS("upload"));
        item.put("fileId", AttributeValue.fromS(fileId));
        item.put("bucket", AttributeValue.fromS(object.bucket()));
        item.put("key", AttributeValue.fromS(object.key()));
        item.put("version", AttributeValue.fromS(String.valueOf(version)));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        item.put("ttl", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        try {
            Dynamo.call(
                    "remember upload " + id,
                    () -> db.putItem(b -> b.tableName(store.table())
                            .item(item)
                            .conditionExpression("attribute_not_exists(#id) OR #expiresAt < :soon")
                            .expressionAttributeNames(Map.of("#id", "id", "#expiresAt", "expiresAt"))
                            .expressionAttributeValues(Map.of(
                                    ":soon",
                                    AttributeValue.fromN(
                                            Long.toString(now.plus(REUSE_MARGIN).getEpochSecond()))))));
            LOG.infof("%s: uploaded to xAI Files as %s", object.describe(), fileId);
            return fileId;
        } catch (ConditionalCheckFailedException lostRace) {
            String winner = remembered(id, now).orElse(fileId);
            if (!winner.equals(fileId)) {
                imagine.delete(fileId);
            }
            return winner;
        }
    }

    private static String mediaType(Path file, MediaRef.S3Object object, String field, boolean video) {
        byte[] head = new byte[16];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = Sniff.mediaType(Arrays.copyOf(head, read));
        boolean fits = type != null && (video ? type.startsWith("video/") : type.startsWith("image/"));
        if (!fits) {
            throw new JobInvalid(
                    field,
                    object.describe() + " holds " + (type == null ? "an unknown format" : type) + ", not "
                            + (video ? "an MP4 video" : "an image (PNG, JPEG or WebP)"));
        }
        return type;
    }

    /** The key's last segment, stripped of what xAI refuses in a filename. */
    private static String filename(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\";\\\\]", "_");
        if (name.isEmpty()) {
            name = "input";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    /** A fresh path on the temporary disk; the file itself is created by the download. */
    private static Path tempFile() {
        try {
            Path file = Files.createTempFile("imagine-input-", ".bin");
            Files.delete(file);
            return file;
        } catch (IOException e) {
            throw new JobUnavailable("no room on the function's temporary disk for an S3 input", e);
        }
    }
}
