package io.imagineflow.job;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The user's S3 bucket as delivery needs it; the store package implements it with the AWS SDK. Failures come
 * as {@link JobException}s: {@link JobUnavailable} when S3 may answer on a retry.
 */
public interface OutputStore {

    /** A URL that lets its holder PUT one object at {@code key} until {@code expiresAt}, and nothing else. */
    URI presignPut(String bucket, String key, Instant expiresAt);

    /** A URL that lets its holder GET this delivered object (this version of it) until {@code expiresAt}. */
    URI presignGet(S3Location object, Instant expiresAt);

    /** What S3 holds at {@code key}, if anything, and whether it is a copy of ours or came from elsewhere (xAI). */
    Optional<Stored> head(String bucket, String key);

    /** The keys under {@code prefix} (a job's folder holds a handful). */
    List<String> keys(String bucket, String prefix);

    /**
     * Streams {@code in} to {@code key} without holding it whole in memory (multipart when it is larger than
     * one part), marked as our copy. Returns the object as S3 then holds it.
     */
    S3Location copy(InputStream in, String contentType, String bucket, String key);

    /** Moves an object within the bucket (a server-side copy, then the old key removed). */
    Stored move(String bucket, String from, String to);

    /**
     * An object and how it got there: {@link Arrival#COPIED} when finalize copied it (its copies carry a mark),
     * else {@link Arrival#XAI_UPLOAD}. The mark keeps {@code deliveredBy} true when two executions of one job
     * finalize at once and one finds the other's copy.
     */
    record Stored(S3Location location, Arrival arrival) {}
}
