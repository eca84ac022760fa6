package io.imagineflow.job;

import java.util.List;

/**
 * How far xAI's progress reports can be trusted, as the likelihood of a job's readings should it finish at a given
 * time. A reading is modelled as {@code floor(100 · elapsed / finish · bias · noise)}, capped at 99: {@code bias}
 * is one factor per job (reports that run ahead of or behind the job all along), {@code noise} a factor per
 * reading. Neither is known in advance, so both are hidden variables averaged over: a job's reports are either
 * exact (within 1%) or noisy (within ±{@code noise}), and either unbiased or biased by a factor within
 * ±{@code bias}, each with even odds. Every reading of a job is weighed together, so consistent readings narrow
 * the finish down and noisy ones average out; a reading of 0 says nothing (xAI reports 0 for a queued job).
 */
final class ProgressModel {

    /** How closely an exact report follows the job: what is left is rounding and the time between two clocks. */
    private static final double EXACT = 0.01;

    /** Bias factors tried between 1 - bias and 1 + bias. */
    private static final int BIAS_STEPS = 12;

    /**
     * Added to every combination's likelihood, so that reports no model here explains (a job stuck at 99%, a
     * report from a slower queue) leave the estimate to the generation time and to the job still pending, instead
     * of ruling every finish out.
     */
    private static final double UNEXPLAINED = 1e-9;

    private final double[] noises;
    private final double[] noiseOdds;
    private final double[] biases;
    private final double[] biasOdds;
    /**
     * How far a reading may stray for each kind of report: its noise, and for a biased kind at least half the step
     * between two bias factors tried, so that the factors between them are covered too. Without that the
     * estimate would be a comb of narrow peaks, one per factor tried, and a job biased between two of them would
     * be looked at for where it cannot finish.
     */
    private final double[][] spread;

    private final double maxNoise;
    private final double maxBias;

    ProgressModel(double noise, double bias) {
        if (!(noise >= 0 && noise < 1) || !(bias >= 0 && bias < 1)) {
            throw new IllegalArgumentException(
                    "imagine.job.poll.progress-noise and progress-bias must be in [0, 1), got " + noise + " and "
                            + bias);
        }
        // A noise no wider than rounding is the exact kind alone.
        this.noises = noise <= EXACT ? new double[] {EXACT} : new double[] {EXACT, noise};
        this.noiseOdds = noise <= EXACT ? new double[] {1} : new double[] {0.5, 0.5};
        int steps = bias == 0 ? 0 : BIAS_STEPS;
        this.biases = new double[steps + 1];
        this.biasOdds = new double[steps + 1];
        biases[0] = 1;
        biasOdds[0] = steps == 0 ? 1 : 0.5;
        for (int i = 1; i <= steps; i++) {
            biases[i] = 1 - bias + 2 * bias * (i - 1) / (steps - 1);
            biasOdds[i] = (1 - biasOdds[0]) / steps;
        }
        double halfStep = steps == 0 ? 0 : bias / (steps - 1);
        this.spread = new double[noises.length][biases.length];
        for (int n = 0; n < noises.length; n++) {
            for (int b = 0; b < biases.length; b++) {
                spread[n][b] = b == 0 ? noises[n] : Math.max(noises[n], halfStep);
            }
        }
        this.maxNoise = Math.max(Math.max(EXACT, noise), halfStep);
        this.maxBias = bias;
    }

    /** The latest finish any of {@code readings} allows, in seconds after submit (0 when there are none). */
    double latestFinish(List<ProgressReading> readings) {
        double latest = 0;
        for (ProgressReading r : readings) {
            if (r.progress() > 0) {
                double lowest = r.progress() * (1 - maxNoise);
                latest = Math.max(latest, 100 * r.elapsed() * (1 + maxBias) / lowest);
            }
        }
        return latest;
    }

    /** What {@code readings} say, ready to be weighed against any finish time. */
    Evidence evidence(List<ProgressReading> readings) {
        List<ProgressReading> said =
                readings.stream().filter(r -> r.progress() > 0).toList();
        return new Evidence(said);
    }

    /**
     * The readings of one job. For each kind of report (noise and bias), the finishes its readings allow form one
     * span, found once, so that a finish outside it is ruled out for that kind without weighing each reading.
     */
    final class Evidence {

        private final List<ProgressReading> readings;
        private final double[][] earliest;
        private final double[][] latest;

        private Evidence(List<ProgressReading> readings) {
            this.readings = readings;
            this.earliest = new double[noises.length][biases.length];
            this.latest = new double[noises.length][biases.length];
            for (int n = 0; n < noises.length; n++) {
                for (int b = 0; b < biases.length; b++) {
                    double from = 0;
                    double to = Double.POSITIVE_INFINITY;
                    for (ProgressReading r : readings) {
                        double scale = 100 * r.elapsed() * biases[b];
                        from = Math.max(from, r.progress() >= 99 ? 0 : scale * (1 - spread[n][b]) / (r.progress() + 1));
                        to = Math.min(to, scale * (1 + spread[n][b]) / r.progress());
                    }
                    earliest[n][b] = from;
                    latest[n][b] = to;
                }
            }
        }

        /** The likelihood of the readings if the job finishes {@code finish} seconds after submit. */
        double likelihood(double finish) {
            if (readings.isEmpty()) {
                return 1;
            }
            double total = 0;
            for (int n = 0; n < noises.length; n++) {
                double byBias = 0;
                for (int b = 0; b < biases.length; b++) {
                    if (finish < earliest[n][b] || finish > latest[n][b]) {
                        continue;
                    }
                    double product = 1;
                    for (int i = 0; i < readings.size() && product > 0; i++) {
                        ProgressReading r = readings.get(i);
                        product *= chance(r, 100 * r.elapsed() * biases[b] / finish, spread[n][b]);
                    }
                    byBias += biasOdds[b] * product;
                }
                total += noiseOdds[n] * byBias;
            }
            return total + UNEXPLAINED;
        }
    }

    /**
     * The chance of reading {@code r} when the job is {@code fraction} percent done and a reading is off by a
     * factor uniform in 1 ± {@code noise}: the share of that range that floors to the reading (xAI reports whole
     * percents, 100 only when done).
     */
    private static double chance(ProgressReading r, double fraction, double noise) {
        double low = r.progress() / fraction;
        double high = r.progress() >= 99 ? Double.POSITIVE_INFINITY : (r.progress() + 1.0) / fraction;
        double overlap = Math.min(high, 1 + noise) - Math.max(low, 1 - noise);
        return overlap > 0 ? overlap / (2 * noise) : 0;
    }
}
