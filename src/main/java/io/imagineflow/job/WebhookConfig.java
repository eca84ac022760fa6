package io.imagineflow.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Webhooks ({@code imagine.webhook}): the signing secret, where deliveries are queued, and the outbound rules'
 * settings. The secret is {@code whsec_} and base64 (Standard Webhooks), from Secrets Manager on AWS
 * (IMAGINE_WEBHOOK_SECRET_ARN) or IMAGINE_WEBHOOK_SECRET locally; it is never logged or echoed.
 */
@ConfigMapping(prefix = "imagine.webhook")
public interface WebhookConfig {

    Optional<String> secret();

    Optional<String> secretArn();

    /** The webhook delivery state machine (infra/statemachine/webhook-delivery.asl.json). */
    Optional<String> stateMachineArn();

    /**
     * Local runs only: lets a webhook go to a plain-http receiver on this machine's loopback. Deployed it stays
     * false, and only https URLs of public hosts are called.
     */
    @WithDefault("false")
    boolean allowLoopback();

    /** At most one progress webhook per job in this time. */
    @WithDefault("PT10S")
    Duration progressInterval();

    /** How long a receiver has, from connecting to its answer. */
    @WithDefault("PT5S")
    Duration timeout();

    /** How much of a receiver's answer is read (it is only looked at for the error message). */
    @WithDefault("2048")
    int maxResponseBytes();
}
