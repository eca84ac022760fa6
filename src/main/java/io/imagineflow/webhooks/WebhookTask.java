package io.imagineflow.webhooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the webhook state machine hands the {@code webhook} function: the delivery ({@code jobId}, {@code event},
 * {@code webhookId}); with {@code failure} (Step Functions' {@code Error} and
 * {@code Cause}) when the retries ran out and the delivery is to be given up.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookTask(String jobId, String event, String webhookId, JsonNode failure) {}
