package io.imagineflow.job;

/**
 * The wait before the next look that costs least, looks and delay together: each look counts 1, each second
 * between the finish and the look that sees it counts {@code delayWeight}. The cheapest series of looks over the
 * estimate is found by dynamic programming over whole seconds, with every wait between the shortest and the
 * longest allowed, and its first wait is taken. The next look brings new readings and the plan is made again, so
 * a job that reports progress is followed closely, and one that does not is looked at on the schedule that is
 * best for its expected generation time (early looks sparse where few jobs finish, dense near the median).
 */
final class WaitPlan {

    private WaitPlan() {}

    static int best(FinishEstimate estimate, int minWait, int maxWait, double delayWeight) {
        int n = estimate.seconds();
        // Cumulative chance and cumulative chance-weighted finish offset, so any span's delay cost is O(1).
        double[] chance = new double[n + 1];
        double[] moment = new double[n + 1];
        for (int k = 0; k < n; k++) {
            chance[k + 1] = chance[k] + estimate.chance(k);
            moment[k + 1] = moment[k] + estimate.chance(k) * estimate.meanOffset(k);
        }
        double[] cost = new double[n + 1];
        int[] wait = new int[n + 1];
        for (int at = n - 1; at >= 0; at--) {
            double stillPending = Math.max(0, chance[n] - chance[at]);
            int shortest = Math.min(Math.max(1, minWait), n - at);
            int longest = Math.min(maxWait, n - at);
            double cheapest = Double.POSITIVE_INFINITY;
            int pick = shortest;
            for (int w = shortest; w <= longest; w++) {
                int next = at + w;
                double delay = next * (chance[next] - chance[at]) - (moment[next] - moment[at]);
                double c = stillPending + delayWeight * delay + cost[next];
                // Of waits that cost the same (to a millionth of a look), the longest: it leaves the most room.
                if (c <= cheapest + 1e-6) {
                    cheapest = c;
                    pick = w;
                }
            }
            cost[at] = cheapest;
            wait[at] = pick;
        }
        return wait[0];
    }
}
