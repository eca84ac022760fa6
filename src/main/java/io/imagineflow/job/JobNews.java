package io.imagineflow.job;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

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
    private final Clock clock;

    JobNews(JobStore store, Completions completions, Webhooks webhooks, Clock clock) {
        this.store = store;
        this.completions = completions;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Returns the record as stored once told. */
    public JobRecord ended(JobRecord record) {
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
