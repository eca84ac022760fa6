package io.imagineflow.store;

import io.imagineflow.job.JobUnavailable;
import io.imagineflow.job.StartSlots;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A model's start slots as one item of the job table, {@code rate#<model>}, whose {@code next} (epoch
 * milliseconds) is the first moment not yet given to anyone. Job ids cannot hold {@code #}, so the item never
 * meets a job; it has none of the job indexes' keys, so no listing sees it.
 * <p>
 * Correct under any concurrency because every change is one conditional write, decided by DynamoDB on the item as
 * it is at that moment (not as the caller last read it):
 * <ul>
 *   <li>idle model ({@code next <= now}, or no item): {@code SET next = now + interval} if it is still idle;
 *       the caller's slot is now;</li>
 *   <li>busy model: {@code SET next = next + interval} if {@code now < next <= latest}; the caller's slot is the
 *       old {@code next} (returned by the write itself), so two callers can never get the same slot, and slots
 *       follow the order of the writes: first come, first served.</li>
 * </ul>
 * A write whose condition failed changed nothing and is tried again on the other branch. {@code sent} is when the
 * model's last request went out: the gate ({@link #pass}) lets the next one go only a gap after it, with one
 * conditional write too. A job costs one write for its slot when the model is idle and two when it is busy, one
 * for the gate (more when it waits at it), and a read in the rare case of a full queue; each under 1 KB.
 */
@ApplicationScoped
public class DynamoStartSlots implements StartSlots {

    /** Enough for any interleaving short of a pathological one: each failed write means another caller won. */
    private static final int ATTEMPTS = 8;

    private final DynamoDbClient db;
    private final StoreConfig config;

    DynamoStartSlots(DynamoDbClient db, StoreConfig config) {
        this.db = db;
        this.config = config;
    }

    @Override
    public Optional<Instant> take(String model, Instant now, Duration interval, Instant latest) {
        long nowMs = now.toEpochMilli();
        long step = Math.max(1, interval.toMillis());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (takeIdle(model, nowMs, step)) {
                return Optional.of(now);
            }
            Optional<Long> queued = takeNext(model, nowMs, step, latest.toEpochMilli());
            if (queued.isPresent()) {
                return Optional.of(Instant.ofEpochMilli(queued.get()));
            }
            // Neither condition held: the model went idle between the two writes, or its queue reaches past latest.
            long next = next(model);
            if (next > nowMs) {
                return Optional.empty();
            }
        }
        throw new JobUnavailable(
                "the start slots of model " + model + " changed under " + ATTEMPTS + " attempts", null);
    }

    @Override
    public void holdUntil(String model, Instant until) {
        AttributeValue at = number(until.toEpochMilli());
        try {
            Dynamo.call(
                    "hold the start slots of " + model,
                    () -> db.updateItem(b -> b.tableName(config.table())
                            .key(Dynamo.key(id(model)))
                            .updateExpression("SET #next = :until")
                            .conditionExpression("attribute_not_exists(#next) OR #next < :until")
                            .expressionAttributeNames(Map.of("#next", "next"))
                            .expressionAttributeValues(Map.of(":until", at))));
        } catch (ConditionalCheckFailedException later) {
            // The queue already reaches past until: holding it changes nothing.
        }
    }

    @Override
    public boolean pass(String model, Instant now, Duration gap) {
        long nowMs = now.toEpochMilli();
        try {
            Dynamo.call(
                    "pass the request gate of " + model,
                    () -> db.updateItem(b -> b.tableName(config.table())
                            .key(Dynamo.key(id(model)))
                            .updateExpression("SET #sent = :now")
                            .conditionExpression("attribute_not_exists(#sent) OR #sent <= :before")
                            .expressionAttributeNames(Map.of("#sent", "sent"))
                            .expressionAttributeValues(
                                    Map.of(":now", number(nowMs), ":before", number(nowMs - gap.toMillis())))));
            return true;
        } catch (ConditionalCheckFailedException tooSoon) {
            return false;
        }
    }

    @Override
    public void stamp(String model, Instant at) {
        try {
            Dynamo.call(
                    "stamp the request gate of " + model,
                    () -> db.updateItem(b -> b.tableName(config.table())
                            .key(Dynamo.key(id(model)))
                            .updateExpression("SET #sent = :at")
                            .conditionExpression("#sent < :at")
                            .expressionAttributeNames(Map.of("#sent", "sent"))
                            .expressionAttributeValues(Map.of(":at", number(at.toEpochMilli())))));
        } catch (ConditionalCheckFailedException later) {
            // Another request went out later still: its time stands.
        }
    }

    private boolean takeIdle(String model, long nowMs, long step) {
        try {
            Dynamo.call(
                    "take a start slot of " + model,
                    () -> db.updateItem(b -> b.tableName(config.table())
                            .key(Dynamo.key(id(model)))
                            .updateExpression("SET #next = :after")
                            .conditionExpression("attribute_not_exists(#next) OR #next <= :now")
                            .expressionAttributeNames(Map.of("#next", "next"))
                            .expressionAttributeValues(Map.of(":after", number(nowMs + step), ":now", number(nowMs)))));
            return true;
        } catch (ConditionalCheckFailedException busy) {
            return false;
        }
    }

    private Optional<Long> takeNext(String model, long nowMs, long step, long latestMs) {
        try {
            var answer = Dynamo.call(
                    "queue for a start slot of " + model,
                    () -> db.updateItem(b -> b.tableName(config.table())
                            .key(Dynamo.key(id(model)))
                            .updateExpression("SET #next = #next + :step")
                            .conditionExpression("#next > :now AND #next <= :latest")
                            .expressionAttributeNames(Map.of("#next", "next"))
                            .expressionAttributeValues(
                                    Map.of(":step", number(step), ":now", number(nowMs), ":latest", number(latestMs)))
                            .returnValues(ReturnValue.UPDATED_OLD)));
            return Optional.of(Long.parseLong(answer.attributes().get("next").n()));
        } catch (ConditionalCheckFailedException idleOrFull) {
            return Optional.empty();
        }
    }

    private long next(String model) {
        var item = Dynamo.call(
                "read the start slots of " + model,
                () -> db.getItem(b ->
                        b.tableName(config.table()).key(Dynamo.key(id(model))).consistentRead(true)));
        AttributeValue next = item.hasItem() ? item.item().get("next") : null;
        return next == null ? 0 : Long.parseLong(next.n());
    }

    private static String id(String model) {
        return "rate#" + model;
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
