package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * How the {@code completed} webhook of a job went ({@code webhookDelivery} in its record): delivered at
 * {@code deliveredAt}, or given up at {@code gaveUpAt} after the retries ran out, with the last receiver's error.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookReport(String webhookId, Instant deliveredAt, Instant gaveUpAt, String lastError) {}
