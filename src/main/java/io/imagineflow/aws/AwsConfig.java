package io.imagineflow.aws;

import io.smallrye.config.ConfigMapping;

import java.net.URI;
import java.util.Optional;

/**
 * How the functions reach AWS. On Lambda nothing needs setting: the region and credentials come from the
 * runtime's environment. Endpoint overrides point a service at a stand-in (DynamoDB Local, an S3 or Secrets
 * Manager stub) on one machine.
 */
@ConfigMapping(prefix = "imagine.aws")
public interface AwsConfig {

    /** AWS_REGION on Lambda. */
    Optional<String> region();

    Service dynamodb();

    Service s3();

    Service secretsmanager();

    Service eventbridge();

    Service sfn();

    interface Service {
        Optional<URI> endpointOverride();
    }
}
