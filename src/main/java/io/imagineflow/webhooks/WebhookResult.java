package io.imagineflow.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * How a delivery went: delivered (with the receiver's status), dropped (the job or its webhook is gone), or given
 * up (with the error the state machine then fails with, and its cause).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookResult(String webhookId, String outcome, Integer status, String error, String cause) {}
