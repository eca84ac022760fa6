package io.imagineflow.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.EventTranslator;
import io.imagineflow.job.IncomingJob;
import io.imagineflow.job.JobState;
import io.imagineflow.job.JobStatus;
import io.imagineflow.job.StartQueue;
import io.imagineflow.job.SubmitService;
import io.quarkus.funqy.Funq;

/**
 * {@code submit}: any supported event in, the job started (or found started, or queued), its state out. A job that
 * was queued comes back as {@code {"event": <the execution's event>, "queued": <its queued state>}} (the state
 * machine's Requeue state builds it), and keeps its place in the queue.
 */
public class SubmitFunction {

    private final EventTranslator translator;
    private final SubmitService service;
    private final ObjectMapper json;

    SubmitFunction(EventTranslator translator, SubmitService service, ObjectMapper json) {
        this.translator = translator;
        this.service = service;
        this.json = json;
    }

    @Funq("submit")
    public JobState submit(JsonNode event) {
        return Invocation.run(() -> {
            if (!requeued(event)) {
                return service.submit(translator.translate(event));
            }
            IncomingJob job = translator.translate(event.get("event"));
            return service.submit(job, heldPlace(event.get("queued"), job.jobId()));
        });
    }

    private static boolean requeued(JsonNode event) {
        return event != null && event.isObject() && event.size() == 2 && event.has("event") && event.has("queued");
    }

    /** The place the queued state holds, if it is this job's queued state; else none (the job asks afresh). */
    private StartQueue heldPlace(JsonNode queued, String jobId) {
        try {
            JobState state = json.treeToValue(queued, JobState.class);
            return state != null && state.status() == JobStatus.QUEUED && jobId.equals(state.jobId())
                    ? state.queue()
                    : null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
