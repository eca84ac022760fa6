package io.imagineflow.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.batch.BatchRecord;
import io.imagineflow.batch.BatchStore;
import io.imagineflow.job.JobMisconfigured;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Batch records as items of the job table, {@code batch#<id>} (job ids cannot hold {@code #}; the item has none of
 * the job indexes' keys, so no job listing sees it). {@code run} and {@code status} are attributes, so that opening
 * a run is one conditional write; the whole record is kept as JSON in {@code record}.
 */
@ApplicationScoped
public class DynamoBatchStore implements BatchStore {

    private final DynamoDbClient db;
    private final StoreConfig config;
    private final ObjectMapper json;

    DynamoBatchStore(DynamoDbClient db, StoreConfig config, ObjectMapper json) {
        this.db = db;
        this.config = config;
        this.json = json;
    }

    @Override
    public Opened open(String batchId, String manifest, int lines, Instant now, Instant staleBefore) {
        try {
            var answer = Dynamo.call(
                    "open batch " + batchId,
                    () -> db.updateItem(b -> b.tableName(config.table())
                            .key(Dynamo.key(id(batchId)))
                            .updateExpression("SET #run = if_not_exists(#run, :zero) + :one, #status = :running,"
                                    + " #openedAt = :now")
                            .conditionExpression(
                                    "attribute_not_exists(#status) OR #status <> :running OR #openedAt < :stale")
                            .expressionAttributeNames(
                                    Map.of("#run", "run", "#status", "status", "#openedAt", "openedAt"))
                            .expressionAttributeValues(Map.of(
                                    ":zero", number(0),
                                    ":one", number(1),
                                    ":running", AttributeValue.fromS(BatchRecord.RUNNING),
                                    ":now", number(now.toEpochMilli()),
                                    ":stale", number(staleBefore.toEpochMilli())))
                            .returnValues(ReturnValue.ALL_NEW)));
            int run = Integer.parseInt(answer.attributes().get("run").n());
            BatchRecord record = BatchRecord.opened(batchId, manifest, lines, run, now);
            write(record);
            return new Opened.Run(record);
        } catch (ConditionalCheckFailedException running) {
            return new Opened.AlreadyRunning(
                    find(batchId).orElse(BatchRecord.opened(batchId, manifest, lines, 0, now)));
        }
    }

    @Override
    public void close(BatchRecord record) {
        try {
            write(record);
        } catch (ConditionalCheckFailedException later) {
            // A later run of the same manifest was opened meanwhile: its close writes the record.
        }
    }

    @Override
    public Optional<BatchRecord> find(String batchId) {
        var item = Dynamo.call(
                "read batch " + batchId,
                () -> db.getItem(b ->
                        b.tableName(config.table()).key(Dynamo.key(id(batchId))).consistentRead(true)));
        if (!item.hasItem() || !item.item().containsKey("record")) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(item.item().get("record").s(), BatchRecord.class));
        } catch (JsonProcessingException e) {
            throw new JobMisconfigured("the item of batch " + batchId + " is not a batch record", e);
        }
    }

    private void write(BatchRecord record) {
        String text;
        try {
            text = json.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Dynamo.call(
                "write batch " + record.batchId(),
                () -> db.updateItem(b -> b.tableName(config.table())
                        .key(Dynamo.key(id(record.batchId())))
                        .updateExpression("SET #record = :record, #status = :status")
                        // Only the run it belongs to: a late close of an earlier run does not overwrite a later one.
                        .conditionExpression("#run = :run")
                        .expressionAttributeNames(Map.of("#record", "record", "#status", "status", "#run", "run"))
                        .expressionAttributeValues(Map.of(
                                ":record", AttributeValue.fromS(text),
                                ":status", AttributeValue.fromS(record.status()),
                                ":run", number(record.run())))));
    }

    private static String id(String batchId) {
        return "batch#" + batchId;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
