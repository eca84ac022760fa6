package io.imagineflow.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The job table (IMAGINE_STORE_TABLE): one DynamoDB table with a string key {@code id} and TTL on {@code ttl}. */
@ConfigMapping(prefix = "imagine.store")
public interface StoreConfig {

    @WithDefault("imagine-flow-jobs")
    String table();

    /** How long a finished record is kept before DynamoDB's TTL removes it. */
    @WithDefault("P90D")
    Duration recordRetention();
}
