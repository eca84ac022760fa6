package io.imagineflow.job;

import java.time.Instant;
import java.util.Map;

/** The jobs the plain tests of the services and the store start from. */
final class TestJobs {

    static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

    private TestJobs() {}

    /** A request of {@code operation} with its family's default model and no inputs or options. */
    static JobRequest request(Operation operation, String prompt) {
        return request(operation, operation.video() ? "grok-imagine-video" : "grok-imagine-image", prompt);
    }

    /** A request of {@code operation} to {@code model}, with no inputs or options. */
    static JobRequest request(Operation operation, String model, String prompt) {
        return new JobRequest(
                operation, model, prompt, null, JobRequest.Options.NONE, null, Map.of(), null, null, null);
    }

    /** A request of {@code operation} from {@code user} (or nobody) asking for {@code webhook}. */
    static JobRequest withWebhook(Operation operation, String user, WebhookSpec webhook) {
        JobRequest plain = request(operation, "A fox");
        return new JobRequest(
                operation, plain.model(), plain.prompt(), null, null, null, Map.of(), user, null, null, webhook);
    }

    /** What a submit of {@code request} claims at {@link #T0}, under {@code jobId}. */
    static JobStore.NewJob claim(String jobId, JobRequest request) {
        return new JobStore.NewJob(
                jobId,
                Hashes.request(request),
                request.operation(),
                request.model(),
                Hashes.prompt(request.prompt()),
                "sqs",
                "u-1",
                Map.of("team", "ads"),
                T0,
                request.deliverTo(),
                request.deliverTo() == null ? null : request.outputCount(),
                request.webhook());
    }

    /** The state of {@code request} once xAI took it at {@link #T0}, as {@code xai-<jobId>}. */
    static JobState started(String jobId, JobRequest request) {
        return JobState.started(jobId, request, "xai-" + jobId, T0, T0.plusSeconds(600), 5, null);
    }
}
