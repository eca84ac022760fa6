package io.imagineflow.functions;

import io.imagineflow.webhooks.WebhookResult;
import io.imagineflow.webhooks.WebhookService;
import io.imagineflow.webhooks.WebhookTask;
import io.quarkus.funqy.Funq;

/**
 * {@code webhook}: one delivery of a job's webhook, driven by the webhook state machine
 * (infra/statemachine/webhook-delivery.asl.json), which retries a failed one and, when it gives up, calls this
 * again with the failure to record it.
 */
public class WebhookFunction {

    private final WebhookService webhooks;

    WebhookFunction(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @Funq("webhook")
    public WebhookResult webhook(WebhookTask task) {
        return Invocation.run(
                () -> task != null && task.failure() != null ? webhooks.giveUp(task) : webhooks.deliver(task));
    }
}
