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
}
