package io.imagineflow.job;

import java.util.ArrayList;
import java.util.List;

/** The completion events a finalize sends, kept; {@link #failNext} makes the next send fail as EventBridge would. */
final class FakeCompletions implements Completions {

    final List<JobRecord> announced = new ArrayList<>();
    private final boolean enabled;
    private int failures;

    FakeCompletions(boolean enabled) {
        this.enabled = enabled;
    }

    void failNext() {
        failures++;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void announce(JobRecord record) {
        if (failures > 0) {
            failures--;
            throw new JobUnavailable("EventBridge could not take the event (injected)", null);
        }
        announced.add(record);
    }
}
