package io.imagineflow.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.api.JobView;
import io.imagineflow.events.CaughtFailures;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobStore;
import io.imagineflow.job.WebhookFailed;
import io.imagineflow.job.WebhookRefused;
import io.imagineflow.job.WebhookReport;
import io.imagineflow.job.WebhookSpec;
import io.imagineflow.ops.LogContext;
import io.imagineflow.ops.Metric;
import io.imagineflow.ops.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One webhook delivery, as Standard Webhooks has it: the body is the job as {@code GET /jobs/{id}} shows it now,
 * signed with {@code webhook-id} (the same on every attempt, so receivers can drop repeats),
 * {@code webhook-timestamp} (this attempt's, in seconds) and {@code webhook-signature}. A failure is thrown for the
 * state machine to retry; when it gives up, the give-up is recorded in the job's record.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final JobStore store;
    private final JobView views;
    private final WebhookSecret secret;
    private final WebhookSender sender;
    private final Metrics metrics;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookService(
            JobStore store,
            JobView views,
            WebhookSecret secret,
            WebhookSender sender,
            Metrics metrics,
            ObjectMapper json,
            Clock clock) {
        this.json = json;
        this.metrics = metrics;
        this.store = store;
        this.views = views;
        this.secret = secret;
        this.sender = sender;
        this.clock = clock;
    }

    public WebhookResult deliver(WebhookTask task) {
        check(task);
        Optional<JobRecord> record = store.find(task.jobId());
        WebhookSpec webhook = record.map(r -> r.asked().webhook()).orElse(null);
        if (webhook == null || !webhook.wants(task.event())) {
            LOG.infof("webhook %s dropped: the job or its webhook is gone", task.webhookId());
            return new WebhookResult(task.webhookId(), "dropped", null, null, null);
        }
        String body = views.of(record.get()).toString();
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", task.webhookId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSigner.sign(secret.key(), task.webhookId(), timestamp, body));
        int status;
        try {
            status = sender.send(webhook.url(), headers, body);
        } catch (WebhookFailed | WebhookRefused e) {
            attempt("failed");
            LOG.warnf("webhook %s not delivered: %s", task.webhookId(), e.getMessage());
            throw e;
        }
        attempt("delivered");
        if (WebhookSpec.COMPLETED.equals(task.event())) {
            store.webhookReported(task.jobId(), new WebhookReport(task.webhookId(), now, null, null));
        }
        LOG.infof("webhook %s delivered (%d)", task.webhookId(), status);
        return new WebhookResult(task.webhookId(), "delivered", status, null, null);
    }

    /** The retries ran out, or the URL was refused: recorded (for {@code completed}), then the machine fails. */
    public WebhookResult giveUp(WebhookTask task) {
        check(task);
        String error = task.failure().path("Error").asText(ErrorCode.WEBHOOK_FAILED.code());
        String cause = task.failure().path("Cause").asText("");
        String why = CaughtFailures.causeMessage(json, cause);
        Optional<JobRecord> record = store.find(task.jobId());
        WebhookReport before = record.map(JobRecord::webhookDelivery).orElse(null);
        if (before != null && task.webhookId().equals(before.webhookId()) && before.deliveredAt() != null) {
            // Delivered, and then its answer to the state machine was lost (the function timed out after the POST):
            // the receiver has it, so nothing is given up.
            LOG.infof("webhook %s was delivered at %s, before %s", task.webhookId(), before.deliveredAt(), error);
            return new WebhookResult(task.webhookId(), "delivered", null, null, null);
        }
        if (WebhookSpec.COMPLETED.equals(task.event()) && record.isPresent()) {
            store.webhookReported(
                    task.jobId(), new WebhookReport(task.webhookId(), null, clock.instant(), error + ": " + why));
        }
        attempt("given_up");
        LOG.warnf("webhook %s given up: %s: %s", task.webhookId(), error, why);
        return new WebhookResult(task.webhookId(), "gave_up", null, error, why);
    }

    private void attempt(String result) {
        metrics.put(Metric.WEBHOOK_ATTEMPTS, 1, Map.of(Metric.Dimensions.RESULT, result));
    }

    /** A task names its job, event and webhook; the invocation's log lines name them too. */
    private static void check(WebhookTask task) {
        if (task == null || task.jobId() == null || task.webhookId() == null || task.event() == null) {
            throw new JobInvalid("webhookId", "a webhook task names jobId, event and webhookId");
        }
        LogContext.job(task.jobId(), null);
        // The delivery machine's execution is named by the webhook id.
        LogContext.execution(task.webhookId());
    }
}
