package io.imagineflow.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.aws.AwsErrors;
import io.imagineflow.job.JobMisconfigured;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.time.Clock;

/**
 * {@code POST /batches}: the request is checked and its manifest looked at (a missing one is refused at once),
 * its batch id fixed (the caller's, or derived from the manifest's location and version as the S3 trigger derives
 * it), and the batch state machine started with both. Opening the run is the machine's: a second start of a
 * running batch ends there without doing anything.
 */
@ApplicationScoped
public class BatchStarter {

    public record Started(String batchId, String executionArn) {}

    private final BatchFiles files;
    private final BatchConfig config;
    private final SfnClient sfn;
    private final ObjectMapper json;
    private final Clock clock;

    BatchStarter(BatchFiles files, BatchConfig config, SfnClient sfn, ObjectMapper json, Clock clock) {
        this.files = files;
        this.config = config;
        this.sfn = sfn;
        this.json = json;
        this.clock = clock;
    }

    public Started start(JsonNode body) {
        BatchRequest request = BatchRequest.of(body);
        String etag = files.etag(request.bucket(), request.key(), config.maxBytes());
        String batchId = request.batchId(etag);
        String machine = config.stateMachineArn()
                .orElseThrow(() -> new JobMisconfigured("IMAGINE_BATCH_STATE_MACHINE_ARN is not set", null));
        String input = json.createObjectNode()
                .put("manifest", "s3://" + request.bucket() + "/" + request.key())
                .put("id", batchId)
                .toString();
        // Each start is its own execution; the run it opens (or finds running) is the batch record's business.
        String name = batchId + "-" + clock.millis();
        String arn = AwsErrors.call(
                "Step Functions",
                "start batch " + batchId,
                () -> sfn.startExecution(
                                b -> b.stateMachineArn(machine).name(name).input(input))
                        .executionArn());
        return new Started(batchId, arn);
    }
}
