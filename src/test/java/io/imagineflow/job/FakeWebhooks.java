package io.imagineflow.job;

import java.util.ArrayList;
import java.util.List;

/** Webhook deliveries queued, in order, as "webhookId" strings; each id once, as the state machine's names are. */
final class FakeWebhooks implements Webhooks {

    final List<String> queued = new ArrayList<>();

    @Override
    public synchronized void queue(String jobId, String event, String webhookId) {
        if (!queued.contains(webhookId)) {
            queued.add(webhookId);
        }
    }
}
