package io.imagineflow.job;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;

/** What xAI billed: {@code usdTicks} exactly as xAI counts (10^10 ticks per dollar) and the same in dollars. */
@RegisterForReflection
public record JobCost(long usdTicks, BigDecimal usd) {

    private static final BigDecimal TICKS_PER_USD = BigDecimal.valueOf(10_000_000_000L);

    public static JobCost ofTicks(long ticks) {
        return new JobCost(ticks, BigDecimal.valueOf(ticks).divide(TICKS_PER_USD).stripTrailingZeros());
    }
}
