package io.imagineflow.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.aws.AwsErrors;
import io.imagineflow.job.JobMisconfigured;
import io.imagineflow.job.WebhookConfig;
import io.imagineflow.job.Webhooks;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Queues a webhook delivery as an execution of the webhook state machine, named by the webhook id. Step Functions
 * is the durable part: it retries the delivery on its own schedule for over a day, apart from the job, and refuses
 * a second execution of the same name, so a delivery queued twice (a retried finalize) runs once. Chosen over a
 * state in the job's own machine so that a receiver that is down for a day neither holds the job's execution open
 * nor turns a finished job's execution into a failed one; and over SQS because a day of backoff needs no queue
 * redrive tuning, and each delivery's attempts and give-up are visible in one execution history.
 */
@ApplicationScoped
public class WebhookQueue implements Webhooks {

    private static final Logger LOG = Logger.getLogger(WebhookQueue.class);

    private final SfnClient sfn;
    private final WebhookConfig config;
    private final ObjectMapper json;

    WebhookQueue(SfnClient sfn, WebhookConfig config, ObjectMapper json) {
        this.sfn = sfn;
        this.config = config;
        this.json = json;
    }

    @Override
    public void queue(String jobId, String event, String webhookId) {
        String machine = config.stateMachineArn()
                .orElseThrow(() -> new JobMisconfigured(
                        "job " + jobId + " asked for a webhook, and imagine.webhook.state-machine-arn"
                                + " (IMAGINE_WEBHOOK_STATE_MACHINE_ARN) is not set",
                        null));
        String input = json.createObjectNode()
                .put("jobId", jobId)
                .put("event", event)
                .put("webhookId", webhookId)
                .toString();
        try {
            AwsErrors.call(
                    "Step Functions",
                    "queue webhook " + webhookId,
                    () -> sfn.startExecution(
                            b -> b.stateMachineArn(machine).name(webhookId).input(input)),
                    ExecutionAlreadyExistsException.class);
            LOG.infof("job %s: %s webhook queued (%s)", jobId, event, webhookId);
        } catch (ExecutionAlreadyExistsException queuedBefore) {
            // The same delivery, queued by an earlier try of the same step: it runs once.
        }
    }
}
