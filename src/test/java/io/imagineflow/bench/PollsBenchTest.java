package io.imagineflow.bench;

import io.imagineflow.job.PollSchedule;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The poll schedule over simulated jobs (bench/polls on a few thousand, seeded): a regression in the schedule
 * shows here as polls or delay well past what bench/POLLS.md reports, not only in the next benchmark run.
 */
class PollsBenchTest {

    private static final int JOBS = 2000;

    @Test
    void exactProgressIsFollowedWithAboutTwoLooks() throws Exception {
        PollSchedule told = new PollSchedule(PollsBench.config(
                Map.of("imagine.job.poll.progress-noise", "0", "imagine.job.poll.progress-bias", "0")));
        PollsBench.Result r = PollsBench.run(told, PollsBench.VIDEO, PollsBench.Reports.ACCURATE, true, JOBS, 1);
        assertTrue(r.polls() <= 2.3 && r.median() <= 1.5, r.toString());
    }

    @Test
    void withTheDefaultsEveryKindOfReportCostsFarFewerLooksThanAFixedPoller() throws Exception {
        PollSchedule schedule = new PollSchedule(PollsBench.config(Map.of()));
        double fixed = PollsBench.fixed(PollsBench.VIDEO, JOBS, 1).polls();
        for (PollsBench.Reports reports : PollsBench.Reports.values()) {
            PollsBench.Result r = PollsBench.run(schedule, PollsBench.VIDEO, reports, false, JOBS, 1);
            assertTrue(r.polls() <= fixed / 2 && r.median() <= 4.5, reports + ": " + r + " against " + fixed);
        }
    }
}
