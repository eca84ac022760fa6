package io.imagineflow.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * xAI Imagine as the job services need it; the xAI package implements it and keeps xAI's JSON to itself.
 * Failures come as {@link JobException}s: throttled and unavailable only when xAI surely did not take the job.
 */
public interface Imagine {

    /** Starts the generation (images deferred, so this never waits for a render). */
    Started start(String jobId, JobRequest request);

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

    /** Where a generation stands; outputs and cost once done, failure (and any cost) when it ended otherwise. */
    record Check(JobStatus status, Integer progress, List<JobOutput> outputs, JobCost cost, JobFailure failure) {}
}
