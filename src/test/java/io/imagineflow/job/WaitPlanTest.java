package io.imagineflow.job;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitPlanTest {

    private static final ProgressModel EXACT = new ProgressModel(0, 0);

    @Test
    void aFinishKnownToTheSecondIsLookedAtRightAfterIt() {
        // 50% at 20 s, exact: the finish is in (39.6, 40.4], 20 s from now.
        FinishEstimate estimate =
                FinishEstimate.of(new GenerationTime(45, 97), EXACT, List.of(new ProgressReading(20, 50)), 20, 200);
        assertEquals(40, estimate.median(), 0.6);
        int wait = WaitPlan.best(estimate, 1, 120, 1.0);
        assertTrue(wait == 20 || wait == 21, "at 40 or 41 s: " + wait);
    }

    @Test
    void theLooksFollowTheWeightOfADelay() {
        FinishEstimate estimate = FinishEstimate.of(new GenerationTime(45, 97), EXACT, List.of(), 0, 400);
        int patient = WaitPlan.best(estimate, 1, 120, 0.05);
        int eager = WaitPlan.best(estimate, 1, 120, 5);
        assertTrue(patient > eager, patient + " > " + eager);
        assertTrue(WaitPlan.best(estimate, 1, 10, 0.05) <= 10, "within the longest wait");
        assertTrue(WaitPlan.best(estimate, 5, 120, 50) >= 5, "within the shortest wait");
    }

    @Test
    void withoutProgressTheMedianIsThePriors() {
        FinishEstimate estimate = FinishEstimate.of(new GenerationTime(45, 97), EXACT, List.of(), 0, 600);
        assertEquals(45, estimate.median(), 1.0);
        // Still pending at 60 s: the finish is later than that.
        assertTrue(FinishEstimate.of(new GenerationTime(45, 97), EXACT, List.of(), 60, 600)
                        .median()
                > 60);
    }

    @Test
    void readingsNoKindExplainsLeaveTheEstimateToThePrior() {
        // 99% for minutes on end (a job stuck at the end): no finish fits exactly, the estimate still stands.
        FinishEstimate estimate = FinishEstimate.of(
                new GenerationTime(45, 97),
                new ProgressModel(0.3, 0.3),
                List.of(new ProgressReading(30, 99), new ProgressReading(300, 99)),
                300,
                120);
        double sum = 0;
        for (int k = 0; k < estimate.seconds(); k++) {
            sum += estimate.chance(k);
        }
        assertEquals(1, sum, 1e-9);
        assertTrue(WaitPlan.best(estimate, 1, 120, 1.15) >= 1);
    }
}
