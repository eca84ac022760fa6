package io.imagineflow.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.job.Hashes;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobMisconfigured;
import io.imagineflow.job.JobPage;
import io.imagineflow.job.JobQuery;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /jobs} from two sparse indexes of the job table, newest first, never a scan. {@value #BY_MONTH}: one
 * partition per UTC month of receipt ({@value #MONTH}), so a listing walks at most four months back to the
 * retention horizon (a month's partition takes a thousand index writes a second, far above xAI's rate limits);
 * {@value #BY_USER}: one partition per {@code user}. Both sort on {@value #RECEIVED_MS} and project only the
 * summary's fields, which change a few times per job (not the progress, which changes every poll), so the indexes
 * cost a few writes per job. Status and tag are filters on the query.
 * <p>
 * The page token is the last returned job's index key and the month it was in, with a hash of the filters so that
 * a token is only taken back by the listing that gave it. A call reads at most {@value #MAX_QUERIES} index pages;
 * a page may then come back short, with a token to go on.
 */
public final class DynamoJobList {

    public static final String BY_MONTH = "byMonth";
    public static final String BY_USER = "byUser";
    public static final String MONTH = "listMonth";
    public static final String RECEIVED_MS = "receivedMs";
    /** What both indexes project besides their keys: the summary's fields (infra/template.yaml lists the same). */
    public static final List<String> PROJECTED =
            List.of("jobId", "status", "outcome", "operation", "model", "user", "tags", "receivedAt", "finishedAt");

    private static final int MAX_QUERIES = 10;
    private static final int MAX_READ = 500;

    private final DynamoDbClient db;
    private final StoreConfig config;
    private final ObjectMapper json;

    DynamoJobList(DynamoDbClient db, StoreConfig config, ObjectMapper json) {
        this.db = db;
        this.config = config;
        this.json = json;
    }

    static String month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC)).toString();
    }

    JobPage list(JobQuery query, Instant now) {
        String filters = filters(query);
        Token start = query.next() == null ? null : Token.read(json, query.next(), filters);
        boolean byUser = query.user() != null;
        YearMonth oldest = YearMonth.from(now.minus(config.recordRetention()).atOffset(ZoneOffset.UTC));
        YearMonth month = start != null && start.month() != null
                ? YearMonth.parse(start.month())
                : YearMonth.from(now.atOffset(ZoneOffset.UTC));
        Map<String, AttributeValue> from = start == null ? null : startKey(start, query);
        List<JobPage.Summary> jobs = new ArrayList<>();
        for (int queries = 0; queries < MAX_QUERIES; queries++) {
            QueryResponse page = query(query, byUser ? null : month.toString(), from, query.limit() - jobs.size());
            for (Map<String, AttributeValue> item : page.items()) {
                jobs.add(summary(item));
                if (jobs.size() == query.limit()) {
                    return new JobPage(jobs, token(byUser ? null : month.toString(), item, filters));
                }
            }
            if (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) {
                from = page.lastEvaluatedKey();
            } else if (byUser) {
                return new JobPage(jobs, null);
            } else {
                month = month.minusMonths(1);
                from = null;
                if (month.isBefore(oldest)) {
                    return new JobPage(jobs, null);
                }
            }
        }
        return new JobPage(jobs, new Token(byUser ? null : month.toString(), from, filters).write(json));
    }

    private QueryResponse query(JobQuery query, String month, Map<String, AttributeValue> from, int wanted) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String key;
        if (month == null) {
            names.put("#pk", "user");
            values.put(":pk", AttributeValue.fromS(query.user()));
        } else {
            names.put("#pk", MONTH);
            values.put(":pk", AttributeValue.fromS(month));
        }
        key = "#pk = :pk";
        List<String> filter = new ArrayList<>();
        if (query.status() != null) {
            names.put("#status", "status");
            values.put(":status", AttributeValue.fromS(query.status().id()));
            filter.add("#status = :status");
        }
        if (query.tagKey() != null) {
            names.put("#tags", "tags");
            names.put("#tagKey", query.tagKey());
            values.put(":tagValue", AttributeValue.fromS(query.tagValue()));
            filter.add("#tags.#tagKey = :tagValue");
        }
        // Limit counts items read before the filter: read more when filtering, so a page fills in a call or two.
        int limit = Math.min(MAX_READ, filter.isEmpty() ? wanted : wanted * 5);
        String index = month == null ? BY_USER : BY_MONTH;
        return Dynamo.call(
                "list jobs",
                () -> db.query(b -> {
                    b.tableName(config.table())
                            .indexName(index)
                            .keyConditionExpression(key)
                            .scanIndexForward(false)
                            .limit(limit)
                            .expressionAttributeNames(names)
                            .expressionAttributeValues(values)
                            .exclusiveStartKey(from);
                    if (!filter.isEmpty()) {
                        b.filterExpression(String.join(" AND ", filter));
                    }
                }));
    }

    private JobPage.Summary summary(Map<String, AttributeValue> item) {
        ObjectNode node = ItemJson.toJson(item);
        try {
            return json.treeToValue(node, JobPage.Summary.class);
        } catch (JsonProcessingException e) {
            throw new JobMisconfigured("the job index holds an item that is not a job: " + node.path("jobId"), e);
        }
    }

    private String token(String month, Map<String, AttributeValue> item, String filters) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("id", item.get("id"));
        key.put(RECEIVED_MS, item.get(RECEIVED_MS));
        return new Token(month, key, filters).write(json);
    }

    /** The index key to go on from: the table's key, and the index's partition and sort keys. */
    private static Map<String, AttributeValue> startKey(Token token, JobQuery query) {
        if (token.key() == null) {
            return null;
        }
        Map<String, AttributeValue> key = new HashMap<>(token.key());
        if (query.user() != null) {
            key.put("user", AttributeValue.fromS(query.user()));
        } else {
            key.put(MONTH, AttributeValue.fromS(token.month()));
        }
        return key;
    }

    private static String filters(JobQuery query) {
        return Hashes.of(List.of(
                        String.valueOf(query.status()),
                        String.valueOf(query.user()),
                        String.valueOf(query.tagKey()),
                        String.valueOf(query.tagValue())))
                .substring(0, 16);
    }

    /** Where a listing left off. Opaque to callers: base64url of a small JSON. */
    private record Token(String month, Map<String, AttributeValue> key, String filters) {

        String write(ObjectMapper json) {
            ObjectNode node = json.createObjectNode().put("f", filters);
            if (month != null) {
                node.put("m", month);
            }
            if (key != null) {
                node.put("id", key.get("id").s())
                        .put("ms", Long.parseLong(key.get(RECEIVED_MS).n()));
            }
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Token read(ObjectMapper json, String text, String filters) {
            JsonNode node;
            try {
                node = json.readTree(Base64.getUrlDecoder().decode(text));
            } catch (IllegalArgumentException | java.io.IOException e) {
                throw new JobInvalid("next", "is not a page token of this API (pass back the next of a listing)");
            }
            if (node == null || !filters.equals(node.path("f").asText())) {
                throw new JobInvalid("next", "belongs to a listing with other filters (status, user, tag)");
            }
            String month = node.hasNonNull("m") ? node.get("m").asText() : null;
            if (month != null && !month.matches("\\d{4}-\\d{2}")) {
                throw new JobInvalid("next", "is not a page token of this API (pass back the next of a listing)");
            }
            Map<String, AttributeValue> key = null;
            if (node.hasNonNull("id") && node.path("ms").canConvertToLong()) {
                key = new LinkedHashMap<>();
                key.put("id", AttributeValue.fromS(node.get("id").asText()));
                key.put(
                        RECEIVED_MS,
                        AttributeValue.fromN(Long.toString(node.get("ms").asLong())));
            }
            return new Token(month, key, filters);
        }
    }
}
