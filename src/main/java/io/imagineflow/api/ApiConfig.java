package io.imagineflow.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The job API ({@code imagine.api}). */
@ConfigMapping(prefix = "imagine.api")
public interface ApiConfig {

    /** How long the presigned GET URL of a delivered output lives in a {@code GET /jobs/{id}} answer. */
    @WithDefault("PT15M")
    Duration downloadUrlTtl();
}
