package io.imagineflow.job;

/**
 * Where a job's webhook deliveries are queued. Each one is durable and retried on its own (the webhook state
 * machine), so a slow or failing receiver never delays or fails the job; queuing the same {@code webhookId} twice
 * delivers it once.
 */
public interface Webhooks {

    void queue(String jobId, String event, String webhookId);

    /** Stable per job and event, so that a receiver can drop a repeat: the job id, the event, its sequence. */
    static String id(String jobId, String event, Integer sequence) {
        return jobId + "-" + event + (sequence == null ? "" : "-" + sequence);
    }
}
