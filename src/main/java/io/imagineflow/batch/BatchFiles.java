package io.imagineflow.batch;

import java.io.InputStream;
import java.nio.file.Path;

/** The batch's files in S3 (store/S3BatchFiles): the manifest it reads, the results manifest it writes. */
public interface BatchFiles {

    /** The manifest's current version; refused by field when it is missing, unreadable or too large. */
    String etag(String bucket, String key, long maxBytes);

    /** The manifest as it was when {@link #etag} was read. */
    InputStream open(String bucket, String key, String etag);

    void write(String bucket, String key, Path file, String contentType);
}
