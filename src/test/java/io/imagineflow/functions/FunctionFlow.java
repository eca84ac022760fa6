package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.job.JobState;
import io.imagineflow.xai.XaiClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job as the state machine runs it, in one Quarkus instance: submit, poll (without the waits) until the job
 * ends, finalize, each with JSON in and JSON out as Lambda hands the state from one function to the next.
 */
@ApplicationScoped
class FunctionFlow {

    private final SubmitFunction submit;
    private final PollFunction poll;
    private final FinalizeFunction finalizer;
    private final XaiClient xai;
    private final ObjectMapper json;

    FunctionFlow(
            SubmitFunction submit, PollFunction poll, FinalizeFunction finalizer, XaiClient xai, ObjectMapper json) {
        this.submit = submit;
        this.poll = poll;
        this.finalizer = finalizer;
        this.xai = xai;
        this.json = json;
    }

    /** The job's final record, after at most {@code maxPolls} looks 25 ms apart. */
    JsonNode run(String event, int maxPolls) throws Exception {
        JobState state = submit.submit(json.readTree(event));
        for (int i = 0; i < maxPolls && !state.status().terminal(); i++) {
            Thread.sleep(25);
            // As the state machine sends it: the state through JSON, with its execution merged in.
            ObjectNode payload = (ObjectNode) json.readTree(json.writeValueAsString(state));
            state = poll.poll(payload.put("execution", "arn:aws:states:us-east-1:000000000000:execution:flow:test"));
        }
        return finalizer.finish(json.readTree(json.writeValueAsString(state)));
    }

    /** Uploads media to xAI Files (the simulator's) and returns its file id. */
    String upload(byte[] bytes, String filename, String mediaType) throws Exception {
        Path file = Files.createTempFile("flow-", filename);
        try {
            Files.write(file, bytes);
            return xai.uploadFile(file, filename, mediaType, null).id();
        } finally {
            Files.delete(file);
        }
    }
}
