package io.imagineflow.job;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * xAI Imagine as the job services need it; the xAI package implements it and keeps xAI's JSON to itself.
 * Failures come as {@link JobException}s: throttled and unavailable only when xAI surely did not take the job.
 */
public interface Imagine {

    /**
     * Starts the generation (images deferred, so this never waits for a render). {@code uploadUrls}, one per
     * output (empty for none), are where xAI PUTs the finished media itself.
     */
    Started start(String jobId, JobRequest request, List<URI> uploadUrls);

    /**
     * The bytes of a finished output, to copy them elsewhere: the stored file's content in xAI Files when there
     * is one, else xAI's own URL (only on xAI's media hosts). The caller closes it.
     */
    Download open(JobOutput output);

    /** One look at a started generation. */
    Check check(Operation operation, String xaiRequestId);

    /** Uploads a file to xAI Files and returns its file id. */
    String upload(Path file, String filename, String mediaType, Duration expiresAfter);

    /** Removes a file from xAI Files (an upload that lost a race to an identical one). */
    void delete(String fileId);

    /** xAI took the job, or the job ended at once (moderated, or an answer that leaves its fate unknown). */
    sealed interface Started permits Started.Accepted, Started.Ended {
        record Accepted(String xaiRequestId) implements Started {}

        record Ended(JobStatus status, JobFailure failure, JobCost cost) implements Started {}
    }

    /** An output's bytes as they arrive, and their media type as the server gave it. */
    record Download(InputStream in, String contentType) implements Closeable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Where a generation stands; outputs and cost once done, failure (and any cost) when it ended otherwise. */
    record Check(JobStatus status, Integer progress, List<JobOutput> outputs, JobCost cost, JobFailure failure) {}
}
