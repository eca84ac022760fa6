package io.imagineflow.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bucket in memory for the plain service tests, with the rules the services rely on: a HEAD sees what was
 * put, a copy stores what it read, a move leaves the object under its new key only. The S3 calls themselves
 * (signatures, multipart) are proven against a real S3 server in {@code store/S3OutputsTest}.
 */
class InMemoryOutputStore implements OutputStore {

    record Put(byte[] bytes, String contentType, boolean copied) {}

    final Map<String, Put> objects = new TreeMap<>();
    final List<String> signed = new ArrayList<>();
    final List<String> copies = new ArrayList<>();

    @Override
    public URI presignPut(String bucket, String key, Instant expiresAt) {
        signed.add(bucket + "/" + key);
        return URI.create("https://" + bucket + ".s3.test/" + key + "?X-Amz-Expires=" + expiresAt.getEpochSecond());
    }

    @Override
    public URI presignGet(S3Location object, Instant expiresAt) {
        return URI.create("https://" + object.bucket() + ".s3.test/" + object.key() + "?X-Amz-Expires="
                + expiresAt.getEpochSecond());
    }

    /** xAI's upload through a presigned URL. */
    void upload(String bucket, String key, byte[] bytes, String contentType) {
        objects.put(bucket + "/" + key, new Put(bytes, contentType, false));
    }

    @Override
    public Optional<Stored> head(String bucket, String key) {
        Put put = objects.get(bucket + "/" + key);
        return put == null
                ? Optional.empty()
                : Optional.of(new Stored(
                        new S3Location(bucket, key, null, "\"etag\"", put.bytes().length, put.contentType()),
                        put.copied() ? Arrival.COPIED : Arrival.XAI_UPLOAD));
    }

    @Override
    public List<String> keys(String bucket, String prefix) {
        return objects.keySet().stream()
                .filter(k -> k.startsWith(bucket + "/" + prefix))
                .map(k -> k.substring(bucket.length() + 1))
                .toList();
    }

    @Override
    public S3Location copy(InputStream in, String contentType, String bucket, String key) {
        try {
            objects.put(bucket + "/" + key, new Put(in.readAllBytes(), contentType, true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        copies.add(bucket + "/" + key);
        return head(bucket, key).orElseThrow().location();
    }

    @Override
    public Stored move(String bucket, String from, String to) {
        objects.put(bucket + "/" + to, objects.remove(bucket + "/" + from));
        return head(bucket, to).orElseThrow();
    }
}
