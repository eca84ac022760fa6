package io.imagineflow.job;

/** Tells the world that a job has ended, once its final record is written. */
public interface Completions {

    /** Whether anyone is to be told; when not, records are never marked as announced. */
    boolean enabled();

    /** Sends the record's news; throws {@link JobUnavailable} when it could not, so that finalize is retried. */
    void announce(JobRecord record);
}
