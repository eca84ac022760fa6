package io.imagineflow.job;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.function.DoubleUnaryOperator;

/**
 * How long xAI is expected to take over a job: a lognormal distribution given by its median and its 90th
 * percentile, in seconds. Generation times are skewed (most jobs near the median, a long tail of slow ones), which
 * a lognormal fits; two quantiles are what an operator can read off a dashboard and set.
 */
@RegisterForReflection
public record GenerationTime(double median, double p90) {

    /** The standard normal's 90th percentile. */
    private static final double Z90 = 1.2815515655446004;

    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    public GenerationTime {
        if (!(median > 0) || !(p90 > median)) {
            throw new IllegalArgumentException(
                    "a generation time needs 0 < median < p90, got median " + median + " and p90 " + p90);
        }
    }

    double sigma() {
        return Math.log(p90 / median) / Z90;
    }

    /**
     * The density over seconds (zero before the start), its constants worked out once: an estimate evaluates it
     * at every cell of every look.
     */
    DoubleUnaryOperator density() {
        double sigma = sigma();
        double mu = Math.log(median);
        double scale = sigma * SQRT_2PI;
        return t -> {
            if (t <= 0) {
                return 0;
            }
            double z = (Math.log(t) - mu) / sigma;
            return Math.exp(-0.5 * z * z) / (t * scale);
        };
    }

    /** The time by which all but a sliver of jobs (1 in 2,000) have finished. */
    double nearlyAll() {
        return median * Math.exp(3.29 * sigma());
    }
}
