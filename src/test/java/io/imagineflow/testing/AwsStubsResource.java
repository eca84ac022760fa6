package io.imagineflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** The S3 and Secrets Manager stubs for a {@code @QuarkusTest}, and the functions pointed at them. */
public class AwsStubsResource implements QuarkusTestResourceLifecycleManager {

    private static S3Stub s3;
    private static SecretsManagerStub secrets;

    public static S3Stub s3() {
        return s3;
    }

    public static SecretsManagerStub secrets() {
        return secrets;
    }

    @Override
    public synchronized Map<String, String> start() {
        s3 = S3Stub.start();
        secrets = SecretsManagerStub.start();
        return Map.of("imagine.aws.s3.endpoint-override", s3.endpoint(),
                "imagine.aws.secretsmanager.endpoint-override", secrets.endpoint());
    }

    @Override
    public synchronized void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (secrets != null) {
            secrets.close();
        }
        s3 = null;
        secrets = null;
    }
}
