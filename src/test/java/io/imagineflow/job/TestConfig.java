package io.imagineflow.job;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The product's settings with their defaults, for tests of the rules that need no container. */
final class TestConfig {

    private TestConfig() {}

    static JobConfig defaults() {
        SmallRyeConfig config =
                new SmallRyeConfigBuilder().withMapping(JobConfig.class).build();
        return config.getConfigMapping(JobConfig.class);
    }

    /** The job settings with {@code settings} (names under imagine.job., such as {@code rate.video}). */
    static JobConfig jobs(java.util.Map<String, String> settings) {
        java.util.Map<String, String> props = new java.util.HashMap<>();
        settings.forEach((k, v) -> props.put("imagine.job." + k, v));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(JobConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(props, "test", 500))
                .build();
        return config.getConfigMapping(JobConfig.class);
    }

    /** A governor that lets every start through at once: the tests of other rules start jobs back to back. */
    static RateGovernor noGovernor() {
        return new RateGovernor(
                new InMemoryStartSlots(), jobs(java.util.Map.of("rate.enabled", "false")), java.time.Clock.systemUTC());
    }

    /** Delivery with its defaults: no default target, no allowed bucket. */
    static DeliveryConfig delivery() {
        return delivery(java.util.Map.of());
    }

    /** Delivery as the test profile of application.properties sets it: to imagine-outputs, when asked. */
    static DeliveryConfig testProfileDelivery() {
        return delivery(java.util.Map.of("allowed-buckets", "imagine-outputs"));
    }

    /** Delivery with {@code settings} (names under imagine.delivery., such as {@code default-target}). */
    static DeliveryConfig delivery(java.util.Map<String, String> settings) {
        java.util.Map<String, String> props = new java.util.HashMap<>();
        settings.forEach((k, v) -> props.put("imagine.delivery." + k, v));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(DeliveryConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(props, "test", 500))
                .build();
        return config.getConfigMapping(DeliveryConfig.class);
    }

    /** Webhooks as deployed. */
    /** Job metrics whose lines go nowhere. */
    static JobMetrics metrics() {
        return new JobMetrics(new io.imagineflow.ops.Metrics(line -> {}, "test"));
    }

    static WebhookConfig webhooks() {
        return webhooks(java.util.Map.of());
    }

    static WebhookConfig webhooks(java.util.Map<String, String> settings) {
        java.util.Map<String, String> props = new java.util.HashMap<>();
        settings.forEach((k, v) -> props.put("imagine.webhook." + k, v));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(WebhookConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(props, "test", 500))
                .build();
        return config.getConfigMapping(WebhookConfig.class);
    }
}
