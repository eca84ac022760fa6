package io.imagineflow.job;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A progress xAI reported for a pending job: {@code progress} percent at {@code elapsed} seconds after submit. */
@RegisterForReflection
public record ProgressReading(double elapsed, int progress) {}
