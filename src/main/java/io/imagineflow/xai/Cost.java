package io.imagineflow.xai;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** What xAI billed, in its own unit: 1 USD = 10,000,000,000 ticks. */
public record Cost(long ticks) {

    public static final long TICKS_PER_USD = 10_000_000_000L;
    public static final Cost NONE = new Cost(0);

    public BigDecimal usd() {
        return BigDecimal.valueOf(ticks)
                .divide(BigDecimal.valueOf(TICKS_PER_USD), 10, RoundingMode.UNNECESSARY)
                .stripTrailingZeros();
    }
}
