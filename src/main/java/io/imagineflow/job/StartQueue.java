package io.imagineflow.job;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A job's place in its model's start queue: since when it has waited for a start, and the start slot it holds, if
 * any ({@code slot} is null while the queue is full or the model paused, and the job asks again later).
 */
@RegisterForReflection
public record StartQueue(Instant since, Instant slot) {}
