package io.imagineflow.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.job.JobCancel;
import io.imagineflow.job.JobConflict;
import io.imagineflow.job.JobFailure;
import io.imagineflow.job.JobInProgress;
import io.imagineflow.job.JobMisconfigured;
import io.imagineflow.job.JobPage;
import io.imagineflow.job.JobQuery;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobRequest;
import io.imagineflow.job.JobState;
import io.imagineflow.job.JobStatus;
import io.imagineflow.job.JobStore;
import io.imagineflow.job.RecordStatus;
import io.imagineflow.job.WebhookReport;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Job records in DynamoDB, one item per job keyed by {@code id}. Every rule of {@link JobStore} is a condition
 * on a single write, so two submits racing for one job cannot both win, whichever container they run in.
 * Besides the record's own fields an item holds {@code claimExpiresAt} (epoch milliseconds, while a submit holds
 * it) and {@code ttl} (epoch seconds, once finished).
 */
@ApplicationScoped
public class DynamoJobStore implements JobStore {

    private static final Logger LOG = Logger.getLogger(DynamoJobStore.class);
    private static final String CLAIM_EXPIRES_AT = "claimExpiresAt";
    private static final String PROGRESS_WEBHOOK_AT = "progressWebhookAt";
    private static final String[] RUNNING = {"submitting", "running"};

    private final DynamoDbClient db;
    private final StoreConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final DynamoJobList listing;

    DynamoJobStore(DynamoDbClient db, StoreConfig config, ObjectMapper json, Clock clock) {
        this.db = db;
        this.config = config;
        this.json = json;
        this.clock = clock;
        this.listing = new DynamoJobList(db, config, json);
    }

    @Override
    public Claim claim(NewJob job, Instant now, Instant claimExpiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(item(JobRecord.claimed(job)));
        item.put(CLAIM_EXPIRES_AT, number(claimExpiresAt.toEpochMilli()));
        try {
            // New, or a claim whose holder ran out of time (it crashed) for the very same request.
            Dynamo.call(
                    "claim job " + job.jobId(),
                    () -> db.putItem(b -> b.tableName(config.table())
                            .item(item)
                            .conditionExpression("attribute_not_exists(#id) OR (#status = :submitting AND "
                                    + "#claimExpiresAt < :now AND #requestHash = :hash)")
                            .expressionAttributeNames(Map.of(
                                    "#id",
                                    "id",
                                    "#status",
                                    "status",
                                    "#claimExpiresAt",
                                    CLAIM_EXPIRES_AT,
                                    "#requestHash",
                                    "requestHash"))
                            .expressionAttributeValues(Map.of(
                                    ":submitting",
                                    AttributeValue.fromS(RecordStatus.SUBMITTING.id()),
                                    ":now",
                                    number(now.toEpochMilli()),
                                    ":hash",
                                    AttributeValue.fromS(job.requestHash())))));
            return new Claim.Taken();
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> existing = get(job.jobId())
                    .orElseThrow(() -> new JobInProgress(job.jobId(), now)); // removed in between: retry soon
            JobRecord record = record(existing);
            String requestHash = record.asked().requestHash();
            if (requestHash != null && !requestHash.equals(job.requestHash())) {
                throw new JobConflict(job.jobId());
            }
            if (record.status() == RecordStatus.SUBMITTING) {
                AttributeValue expires = existing.get(CLAIM_EXPIRES_AT);
                throw new JobInProgress(
                        job.jobId(), expires == null ? now : Instant.ofEpochMilli(Long.parseLong(expires.n())));
            }
            return new Claim.Existing(record);
        }
    }

    @Override
    public void started(JobState state) {
        Dynamo.Update update = new Dynamo.Update()
                .set("status", AttributeValue.fromS(RecordStatus.RUNNING.id()))
                .set("submittedAt", AttributeValue.fromS(state.submittedAt().toString()))
                .set("deadline", AttributeValue.fromS(state.deadline().toString()))
                .remove(CLAIM_EXPIRES_AT);
        if (state.xaiRequestId() != null) {
            update.set("xaiRequestId", AttributeValue.fromS(state.xaiRequestId()));
        }
        if (Boolean.TRUE.equals(state.recovered())) {
            update.set("recovered", AttributeValue.fromBool(true));
        }
        String condition = update.name("status") + " = "
                + update.value("submitting", AttributeValue.fromS(RecordStatus.SUBMITTING.id()));
        if (update("record job " + state.jobId() + " as started", state.jobId(), update, condition)
                .isPresent()) {
            return;
        }
        if (state.xaiRequestId() != null && startedAfterCancel(state)) {
            return;
        }
        if (Boolean.TRUE.equals(state.recovered())) {
            // Another execution of the same job (a duplicate delivery) is already following it in S3.
            LOG.infof("job %s: already being recovered by another execution", state.jobId());
            return;
        }
        // This submit outlived its claim and another took the job over: both reached xAI. Said loudly,
        // because it is the one way a job is paid twice; the claim hold must exceed the submit's run time.
        LOG.warnf(
                "job %s: started at xAI as %s after its claim had been taken over",
                state.jobId(), state.xaiRequestId());
    }

    /**
     * The job was cancelled while its submit was at xAI, which took it: the cancelled record learns the request id
     * and that xAI bills the generation. False when the record is not cancelled.
     */
    private boolean startedAfterCancel(JobState state) {
        Dynamo.Update update = new Dynamo.Update()
                .set("xaiRequestId", AttributeValue.fromS(state.xaiRequestId()))
                .set("cancel.xaiAccepted", AttributeValue.fromBool(true));
        String condition = update.name("status") + " = "
                + update.value("cancelled", AttributeValue.fromS(RecordStatus.CANCELLED.id()));
        if (update("record cancelled job " + state.jobId() + " as taken by xAI", state.jobId(), update, condition)
                .isEmpty()) {
            return false;
        }
        LOG.infof(
                "job %s: cancelled while its submit was at xAI, which took it as %s (billed)",
                state.jobId(), state.xaiRequestId());
        return true;
    }

    @Override
    public void release(String jobId) {
        try {
            Dynamo.call(
                    "release job " + jobId,
                    () -> db.deleteItem(b -> b.tableName(config.table())
                            .key(Dynamo.key(jobId))
                            .conditionExpression("#status = :submitting")
                            .expressionAttributeNames(Map.of("#status", "status"))
                            .expressionAttributeValues(
                                    Map.of(":submitting", AttributeValue.fromS(RecordStatus.SUBMITTING.id())))));
        } catch (ConditionalCheckFailedException e) {
            // Already released, or no longer a claim: nothing to undo.
        }
    }

    @Override
    public JobRecord finish(JobRecord record) {
        ObjectNode fields = json.valueToTree(record);
        Dynamo.Update update = new Dynamo.Update();
        // What the end decides is written; what the claim knew better (hashes, source, times) is kept.
        for (String name : new String[] {"status", "outcome", "finishedAt", "polls", "outputs", "cost", "error"}) {
            update.set(name, ItemJson.toAttribute(fields.get(name)));
        }
        for (String name : new String[] {"recovered", "costKnown", "progress"}) {
            if (fields.hasNonNull(name)) {
                update.set(name, ItemJson.toAttribute(fields.get(name)));
            }
        }
        for (String name : new String[] {
            "jobId",
            "operation",
            "model",
            "xaiRequestId",
            "submittedAt",
            "deadline",
            "deliverTo",
            "expectedOutputs",
            "user",
            "tags",
            "webhook"
        }) {
            update.setIfAbsent(name, ItemJson.toAttribute(fields.get(name)));
        }
        if (record.status() == RecordStatus.CANCELLED) {
            // Poll ended a job whose cancel was asked (the cancel map exists): say whether xAI bills it.
            update.set(
                    "cancel.xaiAccepted",
                    AttributeValue.fromBool(record.xaiRequestId() != null || Boolean.TRUE.equals(record.recovered())));
        }
        update.set("ttl", number(clock.instant().plus(config.recordRetention()).getEpochSecond()));
        update.remove(CLAIM_EXPIRES_AT);
        String condition = "attribute_not_exists(" + update.name("id") + ") OR " + update.name("status") + " IN ("
                + update.value("submitting", AttributeValue.fromS(RecordStatus.SUBMITTING.id())) + ", "
                + update.value("running", AttributeValue.fromS(RecordStatus.RUNNING.id())) + ")";
        return update("finish job " + record.jobId(), record.jobId(), update, condition)
                .map(this::record)
                .orElseGet(() -> find(record.jobId()).orElseThrow()); // already final
    }

    @Override
    public JobRecord announced(String jobId, Instant at) {
        Dynamo.Update update = new Dynamo.Update().set("announcedAt", AttributeValue.fromS(at.toString()));
        return record(update("mark job " + jobId + " as announced", jobId, update, null)
                .orElseThrow());
    }

    @Override
    public Optional<JobRecord> find(String jobId) {
        return get(jobId).map(this::record);
    }

    @Override
    public Optional<JobRecord> progressed(String jobId, Integer progress, int polls, Instant estimatedCompletionAt) {
        Dynamo.Update update = new Dynamo.Update().set("polls", number(polls));
        if (progress != null) {
            update.set("progress", number(progress));
        }
        if (estimatedCompletionAt != null) {
            update.set("estimatedCompletionAt", AttributeValue.fromS(estimatedCompletionAt.toString()));
        }
        String condition = update.name("status") + " = "
                + update.value("running", AttributeValue.fromS(RecordStatus.RUNNING.id()));
        return update("record the progress of job " + jobId, jobId, update, condition)
                .map(this::record);
    }

    @Override
    public boolean progressWebhookDue(String jobId, Instant at, java.time.Duration interval) {
        Dynamo.Update update = new Dynamo.Update().set(PROGRESS_WEBHOOK_AT, number(at.toEpochMilli()));
        String last = update.name(PROGRESS_WEBHOOK_AT);
        String condition = "attribute_not_exists(" + last + ") OR " + last + " <= "
                + update.value("due", number(at.minus(interval).toEpochMilli()));
        String exists = "attribute_exists(" + update.name("id") + ")";
        return update(
                        "take the progress webhook turn of job " + jobId,
                        jobId,
                        update,
                        exists + " AND (" + condition + ")")
                .isPresent();
    }

    @Override
    public Optional<JobRecord> cancelRequested(String jobId, Instant at) {
        Dynamo.Update update = new Dynamo.Update()
                .setIfAbsent("cancel", ItemJson.toAttribute(json.valueToTree(new JobCancel(at, null))));
        String condition =
                update.name("status") + " IN (" + update.value("submitting", AttributeValue.fromS(RUNNING[0])) + ", "
                        + update.value("running", AttributeValue.fromS(RUNNING[1])) + ")";
        return update("record the cancel of job " + jobId, jobId, update, condition)
                .map(this::record);
    }

    @Override
    public JobRecord cancel(String jobId, Instant at, JobFailure failure, JobRequest asked) {
        // Two guarded tries, so that xaiAccepted is what the record knows when the write lands, not when it was read.
        for (boolean accepted : new boolean[] {true, false}) {
            Dynamo.Update update = new Dynamo.Update()
                    .set("status", AttributeValue.fromS(RecordStatus.CANCELLED.id()))
                    .set("outcome", AttributeValue.fromS(JobStatus.CANCELLED.id()))
                    .set("error", ItemJson.toAttribute(json.valueToTree(failure)))
                    .set("finishedAt", AttributeValue.fromS(at.toString()))
                    .set("cancel", ItemJson.toAttribute(json.valueToTree(new JobCancel(at, accepted))))
                    .setIfAbsent("jobId", AttributeValue.fromS(jobId))
                    .setIfAbsent("receivedAt", AttributeValue.fromS(at.toString()))
                    .setIfAbsent(DynamoJobList.MONTH, AttributeValue.fromS(DynamoJobList.month(at)))
                    .setIfAbsent(DynamoJobList.RECEIVED_MS, number(at.toEpochMilli()))
                    .setIfAbsent(
                            "operation",
                            asked == null ? null : ItemJson.toAttribute(json.valueToTree(asked.operation())))
                    .setIfAbsent("model", asked == null ? null : AttributeValue.fromS(asked.model()))
                    .setIfAbsent(
                            "user", asked == null || asked.user() == null ? null : AttributeValue.fromS(asked.user()))
                    .setIfAbsent(
                            "tags",
                            asked == null || asked.tags().isEmpty()
                                    ? null
                                    : ItemJson.toAttribute(json.valueToTree(asked.tags())))
                    .setIfAbsent(
                            "webhook",
                            asked == null || asked.webhook() == null
                                    ? null
                                    : ItemJson.toAttribute(json.valueToTree(asked.webhook())))
                    .set("ttl", number(at.plus(config.recordRetention()).getEpochSecond()))
                    .remove(CLAIM_EXPIRES_AT);
            // xAI took the job when the record knows its request id, or may have when it is being recovered from
            // the bucket (its start answer was lost): billed either way, as far as the owner can tell.
            String taken = "(attribute_exists(" + update.name("xaiRequestId") + ") OR " + update.name("recovered")
                    + " = " + update.value("true", AttributeValue.fromBool(true)) + ")";
            String live = "(attribute_not_exists(" + update.name("id") + ") OR " + update.name("status") + " IN ("
                    + update.value("submitting", AttributeValue.fromS(RUNNING[0])) + ", "
                    + update.value("running", AttributeValue.fromS(RUNNING[1])) + "))";
            String condition = live + " AND " + (accepted ? taken : "NOT " + taken);
            Optional<Map<String, AttributeValue>> cancelled = update("cancel job " + jobId, jobId, update, condition);
            if (cancelled.isPresent()) {
                return record(cancelled.get());
            }
            Optional<JobRecord> now = find(jobId);
            if (now.isPresent() && now.get().status().terminal()) {
                return now.get();
            }
        }
        // The request id arrived between the two tries: the first one holds now.
        return cancel(jobId, at, failure, asked);
    }

    @Override
    public void webhookReported(String jobId, WebhookReport report) {
        Dynamo.Update update =
                new Dynamo.Update().set("webhookDelivery", ItemJson.toAttribute(json.valueToTree(report)));
        // A record gone meanwhile (its retention ran out) has nothing left to say it on.
        update("record the webhook of job " + jobId, jobId, update, "attribute_exists(" + update.name("id") + ")");
    }

    @Override
    public JobPage list(JobQuery query, Instant now) {
        return listing.list(query, now);
    }

    /**
     * One update of job {@code jobId}'s item under {@code condition} (none when null): the item as it is after it,
     * or empty when the condition failed. Every rule of {@link JobStore} is such a condition.
     */
    private Optional<Map<String, AttributeValue>> update(
            String what, String jobId, Dynamo.Update update, String condition) {
        try {
            return Optional.of(Dynamo.call(
                            what,
                            () -> db.updateItem(b -> b.tableName(config.table())
                                    .key(Dynamo.key(jobId))
                                    .updateExpression(update.expression())
                                    .conditionExpression(condition)
                                    .expressionAttributeNames(update.names)
                                    .expressionAttributeValues(update.values)
                                    .returnValues(ReturnValue.ALL_NEW)))
                    .attributes());
        } catch (ConditionalCheckFailedException conditionFailed) {
            return Optional.empty();
        }
    }

    private Optional<Map<String, AttributeValue>> get(String jobId) {
        Map<String, AttributeValue> item = Dynamo.call(
                        "read job " + jobId,
                        () -> db.getItem(b -> b.tableName(config.table())
                                .key(Dynamo.key(jobId))
                                .consistentRead(true)))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private Map<String, AttributeValue> item(JobRecord record) {
        Map<String, AttributeValue> item = ItemJson.toItem(json.valueToTree(record));
        item.put("id", AttributeValue.fromS(record.jobId()));
        Instant received = record.times().receivedAt();
        if (received != null) {
            // The keys of the listing indexes (newest first, by month and by user): see DynamoJobList.
            item.put(DynamoJobList.MONTH, AttributeValue.fromS(DynamoJobList.month(received)));
            item.put(DynamoJobList.RECEIVED_MS, number(received.toEpochMilli()));
        }
        return item;
    }

    private JobRecord record(Map<String, AttributeValue> item) {
        ObjectNode node = ItemJson.toJson(item);
        node.remove(List.of(
                "id", "ttl", CLAIM_EXPIRES_AT, PROGRESS_WEBHOOK_AT, DynamoJobList.MONTH, DynamoJobList.RECEIVED_MS));
        try {
            return json.treeToValue(node, JobRecord.class);
        } catch (JsonProcessingException e) {
            throw new JobMisconfigured(
                    "the job table holds an item that is not a job record: "
                            + node.path("jobId").asText(),
                    e);
        }
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
