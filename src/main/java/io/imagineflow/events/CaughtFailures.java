package io.imagineflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.FinalizeService;
import io.imagineflow.job.JobException;
import io.imagineflow.job.JobFailure;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobState;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.Optional;

/**
 * What finalize is given: the state a job ended in, or, on the state machine's failure path, what a Catch
 * caught. A caught failure arrives as {@code {"failure": {"Error", "Cause"}}} next to the job's last state
 * (when the job got that far) or next to the original {@code event} (when submit refused it before a job
 * existed, so the job id is derived from the event again).
 */
@ApplicationScoped
public class CaughtFailures {

    private static final int MAX_MESSAGE = 2000;

    private final ObjectMapper json;
    private final EventTranslator translator;
    private final FinalizeService finalizer;

    CaughtFailures(ObjectMapper json, EventTranslator translator, FinalizeService finalizer) {
        this.json = json;
        this.translator = translator;
        this.finalizer = finalizer;
    }

    /**
     * finalize's answer: the final record, or, for a submit that died after xAI may have taken a job that
     * delivers to S3, the state that follows the job on (pending: the state machine goes back to waiting).
     */
    public Object answer(JsonNode input) {
        if (input != null
                && input.isObject()
                && input.has("failure")
                && !input.hasNonNull("jobId")
                && input.has("event")) {
            JobFailure failure = failure(input.get("failure"));
            Optional<JobState> followed = finalizer.recover(translator.jobIdOf(input.get("event")), failure);
            if (followed.isPresent()) {
                return followed.get();
            }
        }
        return finish(input);
    }

    public JobRecord finish(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new JobInvalid(
                    "input", "finalize takes a job state, or a caught failure with the job's state or" + " event");
        }
        if (!input.has("failure")) {
            return finalizer.finish(state(input));
        }
        JobFailure failure = failure(input.get("failure"));
        if (input.hasNonNull("jobId")) {
            return finalizer.fail(input.get("jobId").asText(), state(input), failure);
        }
        if (!input.has("event")) {
            throw new JobInvalid("event", "a caught failure without a job state needs the original event");
        }
        JsonNode event = input.get("event");
        return finalizer.fail(translator.jobIdOf(event), null, failure, request(event));
    }

    /** What the event asked, when it can be read: a job that never got claimed still has a webhook to tell. */
    private JobRequest request(JsonNode event) {
        try {
            return translator.translate(event).request();
        } catch (JobException unreadable) {
            return null;
        }
    }

    private JobState state(JsonNode input) {
        try {
            return json.treeToValue(input, JobState.class);
        } catch (IOException e) {
            throw new JobInvalid(
                    "input",
                    "is not a job state: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * Step Functions' {@code Error} is an error name of the catalogue ({@link ErrorCode}: a function's own, the
     * state machine's or the platform's); {@code Cause} is, for a Lambda error, JSON holding the error message.
     * A name outside the catalogue is recorded as {@link ErrorCode#JOB_INTERNAL}: a Java class name is never kept.
     */
    /**
     * The message of a caught failure's {@code Cause}: for a Lambda error, the {@code errorMessage} of the JSON it
     * holds; else the cause as it is.
     */
    public static String causeMessage(ObjectMapper json, String cause) {
        if (cause.startsWith("{")) {
            try {
                JsonNode parsed = json.readTree(cause);
                if (parsed.hasNonNull("errorMessage")) {
                    return parsed.get("errorMessage").asText();
                }
            } catch (IOException notJson) {
                // Kept as the raw cause.
            }
        }
        return cause;
    }

    JobFailure failure(JsonNode caught) {
        String error = caught.path("Error").asText("");
        ErrorCode code = ErrorCode.of(error).orElse(ErrorCode.JOB_INTERNAL);
        String message = causeMessage(json, caught.path("Cause").asText(""));
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        if (message.isEmpty()) {
            message = code == ErrorCode.JOB_INTERNAL ? "a step failed without a known error name" : code.meaning();
        }
        return JobFailure.of(code, message);
    }
}
