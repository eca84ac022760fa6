package io.imagineflow.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.time.Duration;

/**
 * The AWS SDK clients, built once per container on the URL-connection HTTP client (small, no native-image
 * configuration, quick to start) and only when a function first needs one.
 */
@ApplicationScoped
public class AwsClients {

    private final AwsConfig config;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(3))
            .socketTimeout(Duration.ofSeconds(20))
            .build();

    AwsClients(AwsConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), config.dynamodb()).build();
    }

    @Produces
    @ApplicationScoped
    S3Client s3() {
        // Path-style keeps bucket names out of host names, which a local endpoint needs; AWS accepts both.
        return configure(S3Client.builder(), config.s3())
                .forcePathStyle(config.s3().endpointOverride().isPresent())
                .build();
    }

    /**
     * Signs the upload URLs that xAI PUTs outputs to, with the function's own credentials: a URL carries its
     * signer's rights, so the role's S3 rights are exactly what a URL can do (and it dies with the credentials).
     */
    @Produces
    @ApplicationScoped
    S3Presigner s3Presigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(config.s3().endpointOverride().isPresent())
                        .build());
        config.region().map(Region::of).ifPresent(builder::region);
        config.s3().endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Produces
    @ApplicationScoped
    SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), config.secretsmanager())
                .build();
    }

    @Produces
    @ApplicationScoped
    EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder(), config.eventbridge()).build();
    }

    @Produces
    @ApplicationScoped
    SfnClient stepFunctions() {
        return configure(SfnClient.builder(), config.sfn()).build();
    }

    void close(@Disposes DynamoDbClient client) {
        client.close();
    }

    void close(@Disposes S3Client client) {
        client.close();
    }

    void close(@Disposes S3Presigner presigner) {
        presigner.close();
    }

    void close(@Disposes SecretsManagerClient client) {
        client.close();
    }

    void close(@Disposes EventBridgeClient client) {
        client.close();
    }

    void close(@Disposes SfnClient client) {
        client.close();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, AwsConfig.Service service) {
        builder.httpClient(http);
        config.region().map(Region::of).ifPresent(builder::region);
        service.endpointOverride().ifPresent(builder::endpointOverride);
        return builder;
    }
}
