package io.imagineflow.job;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;

/**
 * What xAI billed: {@code usdTicks} exactly as xAI counts (10^10 ticks per dollar) and the same in dollars, as
 * the xAI package converts it.
 */
@RegisterForReflection
public record JobCost(long usdTicks, BigDecimal usd) {}
