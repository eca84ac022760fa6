package io.imagineflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDB Local 3.0.0 inside the test JVM, in memory, on a loopback port, with the job table created as the
 * template creates it. The functions reach it through the real AWS SDK, as they reach DynamoDB on AWS.
 */
public class DynamoDbLocalResource implements QuarkusTestResourceLifecycleManager {

    public static final String TABLE = "imagine-flow-jobs-test";

    private static DynamoDBProxyServer server;
    private static DynamoDbClient client;

    public static DynamoDbClient client() {
        return client;
    }

    /** The stored item of a job or an upload, as DynamoDB holds it. */
    public static Optional<Map<String, AttributeValue>> item(String id) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(TABLE)
                        .key(Map.of("id", AttributeValue.fromS(id)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Empties the table between tests: job ids are derived from events, and tests reuse their fixtures. */
    public static void clear() {
        for (Map<String, AttributeValue> item : allItems()) {
            client.deleteItem(b -> b.tableName(TABLE).key(Map.of("id", item.get("id"))));
        }
    }

    /** The job items: not the rate governor's ({@code rate#<model>}), which any start writes. */
    public static List<Map<String, AttributeValue>> items() {
        return allItems().stream()
                .filter(item -> !item.get("id").s().contains("#"))
                .toList();
    }

    /** Every item: the jobs', the rate governor's and the batches' ({@code batch#<id>}). */
    public static List<Map<String, AttributeValue>> allItems() {
        return client.scan(b -> b.tableName(TABLE).consistentRead(true)).items();
    }

    @Override
    public synchronized Map<String, String> start() {
        // The functions' default credential chain reads these first, so it never looks for instance metadata.
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        System.setProperty("aws.region", "us-east-1");
        int port = JobTable.freePort();
        server = JobTable.serve(port);
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        client = JobTable.client(endpoint);
        JobTable.create(client, TABLE);
        // The credentials go to the application too: an integration test runs it in a process of its own.
        return Map.of(
                "imagine.aws.dynamodb.endpoint-override",
                endpoint.toString(),
                "imagine.aws.region",
                "us-east-1",
                "imagine.store.table",
                TABLE,
                "aws.accessKeyId",
                "test",
                "aws.secretAccessKey",
                "test",
                "aws.region",
                "us-east-1");
    }

    @Override
    public synchronized void stop() {
        try {
            if (client != null) {
                client.close();
            }
            if (server != null) {
                server.stop();
            }
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        } finally {
            client = null;
            server = null;
        }
    }
}
