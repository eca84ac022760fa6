package io.imagineflow.batch;

import java.time.Instant;
import java.util.Optional;

/** Batch records (store/DynamoBatchStore): one per batch id, whose runs are counted. */
public interface BatchStore {

    /**
     * Opens a run of the batch: the next run when the batch is new, ended, or was opened before {@code staleBefore}
     * (its execution is gone); else the running one, which a duplicate delivery of the trigger must leave alone.
     */
    Opened open(String batchId, String manifest, int lines, Instant now, Instant staleBefore);

    void close(BatchRecord record);

    Optional<BatchRecord> find(String batchId);

    sealed interface Opened permits Opened.Run, Opened.AlreadyRunning {
        record Run(BatchRecord record) implements Opened {}

        record AlreadyRunning(BatchRecord record) implements Opened {}
    }
}
