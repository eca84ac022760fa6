package io.imagineflow.batch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Batches (docs/batches.md): the batch state machine, the manifest's bounds, where results go. */
@ConfigMapping(prefix = "imagine.batch")
public interface BatchConfig {

    /** {@code IMAGINE_BATCH_STATE_MACHINE_ARN}: what {@code POST /batches} starts. */
    Optional<String> stateMachineArn();

    /** Lines of a manifest, one job each. */
    @WithDefault("10000")
    int maxLines();

    /** Bytes of a manifest: 10,000 lines of requests that name their inputs (not inline data) fit easily. */
    @WithDefault("104857600")
    long maxBytes();

    /** The results manifest of batch ID goes to {@code <prefix>ID.jsonl} in the manifest's bucket. */
    @WithDefault("batch-results/")
    String resultsPrefix();

    /**
     * A run still open after this long has lost its execution (the batch machine's timeout is a day): a new start of
     * the manifest runs it again.
     */
    @WithDefault("PT25H")
    Duration staleAfter();
}
