package io.imagineflow.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A cancel asked of a job ({@code cancel} in its record): when it was asked, and whether xAI had already taken
 * the generation when it was ({@code xaiAccepted}: xAI has no cancel, so such a job is billed anyway; its output
 * may still arrive in the delivery bucket). A submit that reaches xAI after the cancel sets it to true.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobCancel(Instant requestedAt, Boolean xaiAccepted) {}
