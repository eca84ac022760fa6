package io.imagineflow.job;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * Tells the world that a job has ended, once its final record is written (by finalize, or by a cancel): the
 * completion event when one is configured, then the {@code completed} webhook when the job asked for one. Both
 * are idempotent, so a retried finalize repeats them safely.
 */
@ApplicationScoped
public class JobNews {

    private final JobStore store;
    private final Completions completions;
    private final Webhooks webhooks;
    private final JobMetrics metrics;
    private final Clock clock;

    JobNews(JobStore store, Completions completions, Webhooks webhooks, JobMetrics metrics, Clock clock) {
        this.store = store;
        this.completions = completions;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Returns the record as stored once told. {@code finishedAt} is the end this caller wrote: when the stored
     * record has it, this call made the record final, and the job's figures are written (once per job; a retry
     * finds another caller's time there).
     */
    public JobRecord ended(JobRecord record, Instant finishedAt) {
        if (finishedAt != null && finishedAt.equals(record.times().finishedAt())) {
            metrics.ended(record);
        }
        if (completions.enabled() && record.announcedAt() == null) {
            completions.announce(record);
            record = store.announced(record.jobId(), clock.instant());
        }
        WebhookSpec webhook = record.asked().webhook();
        if (webhook != null && webhook.wants(WebhookSpec.COMPLETED) && record.webhookDelivery() == null) {
            webhooks.queue(
                    record.jobId(), WebhookSpec.COMPLETED, Webhooks.id(record.jobId(), WebhookSpec.COMPLETED, null));
        }
        return record;
    }
}
