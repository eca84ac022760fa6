package io.imagineflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.events.EventTranslator;
import io.imagineflow.events.Executions;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.IncomingJob;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobUnavailable;
import io.imagineflow.ops.LogContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The API's door: a request is checked at once (a bad one is answered 400 with every broken rule, and nothing
 * starts), its job id derived as submit will derive it, and an execution named by that id started with the
 * API event as its input. The caller gets the job id back, and the same answer again for the same job.
 */
@ApplicationScoped
public class JobStarter {

    private static final Logger LOG = Logger.getLogger(JobStarter.class);

    private final EventTranslator translator;
    private final Executions executions;
    private final ObjectMapper json;

    public JobStarter(EventTranslator translator, Executions executions, ObjectMapper json) {
        this.translator = translator;
        this.executions = executions;
        this.json = json;
    }

    public ApiResponse start(JsonNode event) {
        IncomingJob job;
        try {
            job = translator.translate(event);
        } catch (JobInvalid e) {
            return ApiResponse.invalid(json, e);
        }
        try {
            LogContext.job(job.jobId(), job.request().operation().id());
            Executions.Started started = executions.start(job.jobId(), event.toString());
            LogContext.execution(started.executionArn());
            LOG.infof(
                    "job %s: %s (%s)",
                    job.jobId(),
                    started.existing() ? "already started, not started again" : "execution started",
                    started.executionArn());
            ObjectNode body = json.createObjectNode()
                    .put("jobId", job.jobId())
                    .put("executionArn", started.executionArn())
                    .put("duplicate", started.existing());
            return ApiResponse.json(started.existing() ? 200 : 202, body.toString());
        } catch (JobUnavailable e) {
            return ApiResponse.error(
                    json,
                    503,
                    ErrorCode.JOB_UNAVAILABLE.code(),
                    "the job could not be started now; send the same request again");
        }
    }
}
