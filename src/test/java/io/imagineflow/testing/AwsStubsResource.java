package io.imagineflow.testing;

import io.imagineflow.sim.SimMedia;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * S3 (a real, signature-checking S3 server), and the Secrets Manager, EventBridge and Step Functions stand-ins
 * for a {@code @QuarkusTest}, and the functions pointed at them. Completion events go to the bus {@link #BUS};
 * the start function starts {@link #STATE_MACHINE}; outputs are delivered to {@link #OUTPUT_BUCKET}.
 */
public class AwsStubsResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUS = "imagine-flow-test-bus";
    public static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:imagine-job";
    public static final String WEBHOOK_MACHINE =
            "arn:aws:states:us-east-1:123456789012:stateMachine:imagine-webhook-delivery";
    public static final String OUTPUT_BUCKET = "imagine-outputs";
    public static final String BATCH_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:imagine-batch";

    private static S3Server s3;
    private static AwsJsonStub json;

    public static S3Server s3() {
        return s3;
    }

    public static AwsJsonStub json() {
        return json;
    }

    /** Empties S3 and puts back the objects the example S3 events of infra/events name. */
    public static void resetExampleInputs() {
        s3.clear();
        s3.createBucket(OUTPUT_BUCKET);
        s3.put("imagine-inputs", "photos/harbour.png", SimMedia.image("harbour", "png"), "image/png", Map.of());
        s3.put(
                "imagine-inputs",
                "frames/old mill.png",
                SimMedia.image("mill", "png"),
                "image/png",
                Map.of("prompt", "The mill's wheel starts to turn"));
    }

    @Override
    public synchronized Map<String, String> start() {
        // The credentials the tests' functions sign with (DynamoDbLocalResource sets them as system properties).
        s3 = S3Server.start("test", "test");
        s3.createBucket(OUTPUT_BUCKET);
        json = AwsJsonStub.start();
        return Map.of(
                "imagine.aws.s3.endpoint-override",
                s3.endpoint(),
                "imagine.aws.secretsmanager.endpoint-override",
                json.endpoint(),
                "imagine.aws.eventbridge.endpoint-override",
                json.endpoint(),
                "imagine.aws.sfn.endpoint-override",
                json.endpoint(),
                "imagine.start.state-machine-arn",
                STATE_MACHINE,
                "imagine.webhook.state-machine-arn",
                WEBHOOK_MACHINE,
                "imagine.batch.state-machine-arn",
                BATCH_MACHINE,
                "imagine.events.bus-name",
                BUS);
    }

    @Override
    public synchronized void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (json != null) {
            json.close();
        }
        s3 = null;
        json = null;
    }
}
