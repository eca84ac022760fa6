package io.imagineflow.job;

import io.imagineflow.ops.LogContext;

/** What the log lines of an invocation say of the job it is about, from the job's state. */
final class JobLogs {

    private JobLogs() {}

    /** The job {@code jobId}, with the operation and xAI's request when its state (which may be null) knows them. */
    static void about(String jobId, JobState state) {
        LogContext.job(
                jobId,
                state == null || state.operation() == null
                        ? null
                        : state.operation().id());
        LogContext.xaiRequest(state == null ? null : state.xaiRequestId());
    }
}
