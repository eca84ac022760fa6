package io.imagineflow.job;

import java.util.List;

/**
 * Where a pending job's finish lies, given all that is known of it: the generation time expected for its kind,
 * every progress reading so far, and that it was still pending at the last look. The chances are kept per whole
 * second from now (bin {@code k} is the finish falling in {@code (now + k, now + k + 1]}), the granularity of a
 * Step Functions Wait, with the mean finish inside each bin for the delay a look after it costs.
 */
final class FinishEstimate {

    /** Cells per second while integrating: finer than the bins, so that a narrow estimate is not smeared. */
    private static final int CELLS = 4;

    /** Beyond this many seconds ahead, one cell per second is fine enough and keeps the work bounded. */
    private static final int FINE_SECONDS = 600;

    private final double now;
    private final double[] chance;
    private final double[] meanOffset;

    private FinishEstimate(double now, double[] chance, double[] meanOffset) {
        this.now = now;
        this.chance = chance;
        this.meanOffset = meanOffset;
    }

    /**
     * The estimate at {@code now} seconds after submit, over the next {@code seconds}: the caller looks far enough
     * ahead that what lies beyond is negligible, or is the deadline, which ends the job there anyway.
     */
    static FinishEstimate of(
            GenerationTime expected, ProgressModel progress, List<ProgressReading> readings, double now, int seconds) {
        int cells = seconds <= FINE_SECONDS ? CELLS : 1;
        double width = 1.0 / cells;
        double[] chance = new double[seconds];
        double[] moment = new double[seconds];
        ProgressModel.Evidence evidence = progress.evidence(readings);
        java.util.function.DoubleUnaryOperator density = expected.density();
        double total = 0;
        for (int k = 0; k < seconds; k++) {
            for (int c = 0; c < cells; c++) {
                double offset = k + (c + 0.5) * width;
                double finish = now + offset;
                double w = density.applyAsDouble(finish) * evidence.likelihood(finish);
                chance[k] += w;
                moment[k] += w * offset;
            }
            total += chance[k];
        }
        double[] meanOffset = new double[seconds];
        if (total <= 0) {
            // Past every finish the expectation allows (far in its tail): any second ahead is as likely.
            java.util.Arrays.fill(chance, 1.0 / seconds);
            for (int k = 0; k < seconds; k++) {
                meanOffset[k] = k + 0.5;
            }
            return new FinishEstimate(now, chance, meanOffset);
        }
        for (int k = 0; k < seconds; k++) {
            meanOffset[k] = chance[k] > 0 ? moment[k] / chance[k] : k + 0.5;
            chance[k] /= total;
        }
        return new FinishEstimate(now, chance, meanOffset);
    }

    int seconds() {
        return chance.length;
    }

    /** The chance the job finishes in {@code (now + k, now + k + 1]}. */
    double chance(int k) {
        return chance[k];
    }

    /** The mean finish within bin {@code k}, in seconds from now. */
    double meanOffset(int k) {
        return meanOffset[k];
    }

    /** The median finish, in seconds after submit. */
    double median() {
        double sum = 0;
        for (int k = 0; k < chance.length; k++) {
            sum += chance[k];
            if (sum >= 0.5) {
                return now + meanOffset[k];
            }
        }
        return now + chance.length;
    }
}
