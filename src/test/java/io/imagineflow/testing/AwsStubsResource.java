package io.imagineflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The S3, Secrets Manager and EventBridge stand-ins for a {@code @QuarkusTest}, and the functions pointed at
 * them. Completion events go to the bus {@link #BUS}; the start function starts {@link #STATE_MACHINE}.
 */
public class AwsStubsResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUS = "imagine-flow-test-bus";
    public static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:imagine-job";

    private static S3Stub s3;
    private static AwsJsonStub json;

    public static S3Stub s3() {
        return s3;
    }

    public static AwsJsonStub json() {
        return json;
    }

    @Override
    public synchronized Map<String, String> start() {
        s3 = S3Stub.start();
        json = AwsJsonStub.start();
        return Map.of("imagine.aws.s3.endpoint-override", s3.endpoint(),
                "imagine.aws.secretsmanager.endpoint-override", json.endpoint(),
                "imagine.aws.eventbridge.endpoint-override", json.endpoint(),
                "imagine.aws.sfn.endpoint-override", json.endpoint(),
                "imagine.start.state-machine-arn", STATE_MACHINE,
                "imagine.events.bus-name", BUS);
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
