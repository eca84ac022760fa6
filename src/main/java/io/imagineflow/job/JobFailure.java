package io.imagineflow.job;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why a job did not produce outputs: a stable {@code code} (an error name or xAI's code) and a readable message. */
@RegisterForReflection
public record JobFailure(String code, String message) {
}
