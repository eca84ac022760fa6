package io.imagineflow.job;

import java.time.Instant;

/** Final job records, made from the state a job ended in. */
final class Records {

    private Records() {
    }

    /**
     * The terminal record for {@code state}. Fields known only to the claim (received time, source, hashes) are
     * left null: the store keeps the values the claim wrote.
     */
    static JobRecord finished(JobState state, Instant finishedAt) {
        return new JobRecord(state.jobId(),
                state.status() == JobStatus.DONE ? RecordStatus.SUCCEEDED : RecordStatus.FAILED, state.status(),
                state.operation(), state.model(), null, null, null, null, null, state.xaiRequestId(),
                state.outputs(), state.cost(), null, state.submittedAt(), finishedAt.toString(), state.deadline(),
                state.polls(), state.error(), null);
    }
}
