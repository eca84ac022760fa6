package io.imagineflow.functions;

import io.imagineflow.job.JobState;
import io.imagineflow.job.PollService;
import io.imagineflow.ops.LogContext;
import io.quarkus.funqy.Funq;

/** {@code poll}: the job state in, the state after one look at xAI out (with the next wait). */
public class PollFunction {

    private final PollService service;

    PollFunction(PollService service) {
        this.service = service;
    }

    @Funq("poll")
    public JobState poll(JobState state) {
        LogContext.begin();
        return service.poll(state);
    }
}
