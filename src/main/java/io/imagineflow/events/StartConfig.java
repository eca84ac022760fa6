package io.imagineflow.events;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Where the API's {@code start} function sends jobs: the job state machine (IMAGINE_START_STATE_MACHINE_ARN). */
@ConfigMapping(prefix = "imagine.start")
public interface StartConfig {

    Optional<String> stateMachineArn();
}
