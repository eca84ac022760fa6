package io.imagineflow.testing;

import io.imagineflow.store.DynamoJobList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;

/** DynamoDB Local as a loopback server, and the job table as {@code infra/template.yaml} creates it. */
public final class JobTable {

    private JobTable() {}

    /**
     * Starts DynamoDB Local in memory. {@code -sharedDb}: one database whatever the caller's access key, as one
     * table serves every function of an account.
     */
    public static DynamoDBProxyServer serve(int port) {
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-port", String.valueOf(port)});
            server.start();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    /**
     * String key {@code id}, on demand, finished records expiring through the {@code ttl} attribute, and the two
     * listing indexes of {@link DynamoJobList}, as infra/template.yaml has them.
     */
    public static void create(DynamoDbClient client, String table) {
        client.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(DynamoJobList.MONTH).attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("user").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(DynamoJobList.RECEIVED_MS).attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .globalSecondaryIndexes(
                        index(DynamoJobList.BY_MONTH, DynamoJobList.MONTH), index(DynamoJobList.BY_USER, "user")));
        client.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));
    }

    private static GlobalSecondaryIndex index(String name, String partition) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(
                        k -> k.attributeName(partition).keyType(KeyType.HASH),
                        k -> k.attributeName(DynamoJobList.RECEIVED_MS).keyType(KeyType.RANGE))
                .projection(p -> p.projectionType(ProjectionType.INCLUDE)
                        .nonKeyAttributes(DynamoJobList.PROJECTED.stream()
                                .filter(a -> !a.equals(partition))
                                .toList()))
                .build();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
