package io.imagineflow.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job table's rules ({@link JobStore}) in memory, for plain tests of the services: claims with expiry and
 * the request's hash, take-over of an expired claim, conflict, release, a final record written once and merged
 * with what the claim knew. {@code JobStoreContract} runs the same checks on this and on DynamoDB, so the two
 * cannot drift. {@link #failNext} makes the next calls fail as an unavailable table does.
 */
final class InMemoryJobStore implements JobStore {

    private record Item(JobRecord record, Instant claimExpiresAt) {}

    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, Instant> progressWebhooks = new HashMap<>();
    private final Deque<String> failures = new ArrayDeque<>();

    /** The next call to {@code operation} (claim, started, release, finish, announced, find) fails. */
    void failNext(String operation) {
        failures.add(operation);
    }

    Map<String, JobRecord> records() {
        Map<String, JobRecord> all = new LinkedHashMap<>();
        items.forEach((id, item) -> all.put(id, item.record()));
        return all;
    }

    private void maybeFail(String operation) {
        if (failures.remove(operation)) {
            throw new JobUnavailable("the job table could not " + operation + " (injected)", null);
        }
    }

    @Override
    public synchronized Claim claim(NewJob job, Instant now, Instant claimExpiresAt) {
        maybeFail("claim");
        Item existing = items.get(job.jobId());
        boolean expiredClaim = existing != null
                && existing.record().status() == RecordStatus.SUBMITTING
                && existing.claimExpiresAt().isBefore(now)
                && job.requestHash().equals(existing.record().asked().requestHash());
        if (existing == null || expiredClaim) {
            items.put(job.jobId(), new Item(JobRecord.claimed(job), claimExpiresAt));
            return new Claim.Taken();
        }
        JobRecord record = existing.record();
        String requestHash = record.asked().requestHash();
        if (requestHash != null && !requestHash.equals(job.requestHash())) {
            throw new JobConflict(job.jobId());
        }
        if (record.status() == RecordStatus.SUBMITTING) {
            throw new JobInProgress(job.jobId(), existing.claimExpiresAt());
        }
        return new Claim.Existing(record);
    }

    @Override
    public synchronized void started(JobState state) {
        maybeFail("started");
        Item item = items.get(state.jobId());
        if (item != null && item.record().status() == RecordStatus.CANCELLED && state.xaiRequestId() != null) {
            ObjectNode node = JSON.valueToTree(item.record());
            node.put("xaiRequestId", state.xaiRequestId());
            ((ObjectNode) node.get("cancel")).put("xaiAccepted", true);
            put(state.jobId(), node, null);
            return;
        }
        if (item == null || item.record().status() != RecordStatus.SUBMITTING) {
            return;
        }
        items.put(state.jobId(), new Item(item.record().running(state), null));
    }

    @Override
    public synchronized void release(String jobId) {
        maybeFail("release");
        Item item = items.get(jobId);
        if (item != null && item.record().status() == RecordStatus.SUBMITTING) {
            items.remove(jobId);
        }
    }

    @Override
    public synchronized JobRecord finish(JobRecord end) {
        maybeFail("finish");
        Item item = items.get(end.jobId());
        if (item != null && item.record().status().terminal()) {
            return item.record();
        }
        JobRecord merged = end.over(item == null ? null : item.record());
        items.put(end.jobId(), new Item(merged, null));
        return merged;
    }

    @Override
    public synchronized JobRecord announced(String jobId, Instant at) {
        maybeFail("announced");
        JobRecord marked = items.get(jobId).record().announced(at);
        items.put(jobId, new Item(marked, null));
        return marked;
    }

    @Override
    public synchronized Optional<JobRecord> find(String jobId) {
        maybeFail("find");
        return Optional.ofNullable(items.get(jobId)).map(Item::record);
    }

    @Override
    public synchronized Optional<JobRecord> progressed(
            String jobId, Integer progress, int polls, Instant estimatedCompletionAt) {
        maybeFail("progressed");
        Item item = items.get(jobId);
        if (item == null || item.record().status() != RecordStatus.RUNNING) {
            return Optional.empty();
        }
        ObjectNode node = JSON.valueToTree(item.record());
        node.put("polls", polls);
        if (progress != null) {
            node.put("progress", progress);
        }
        if (estimatedCompletionAt != null) {
            node.put("estimatedCompletionAt", estimatedCompletionAt.toString());
        }
        return Optional.of(put(jobId, node, item.claimExpiresAt()));
    }

    @Override
    public synchronized boolean progressWebhookDue(String jobId, Instant at, Duration interval) {
        Instant last = progressWebhooks.get(jobId);
        if (last != null && last.isAfter(at.minus(interval))) {
            return false;
        }
        progressWebhooks.put(jobId, at);
        return true;
    }

    @Override
    public synchronized Optional<JobRecord> cancelRequested(String jobId, Instant at) {
        Item item = items.get(jobId);
        if (item == null || item.record().status().terminal()) {
            return Optional.empty();
        }
        if (item.record().cancel() != null) {
            return Optional.of(item.record());
        }
        ObjectNode node = JSON.valueToTree(item.record());
        node.set("cancel", JSON.valueToTree(new JobCancel(at, null)));
        return Optional.of(put(jobId, node, item.claimExpiresAt()));
    }

    @Override
    public synchronized JobRecord cancel(String jobId, Instant at, JobFailure failure, JobRequest asked) {
        Item item = items.get(jobId);
        if (item != null && item.record().status().terminal()) {
            return item.record();
        }
        ObjectNode node = item == null ? JSON.createObjectNode() : JSON.valueToTree(item.record());
        node.put("jobId", jobId).put("status", "cancelled").put("outcome", "cancelled");
        node.set("error", JSON.valueToTree(failure));
        node.put("finishedAt", at.toString());
        if (!node.has("receivedAt")) {
            node.put("receivedAt", at.toString());
        }
        if (asked != null && !node.has("operation")) {
            node.set("operation", JSON.valueToTree(asked.operation()));
            node.put("model", asked.model());
            if (asked.user() != null) {
                node.put("user", asked.user());
            }
            if (asked.webhook() != null) {
                node.set("webhook", JSON.valueToTree(asked.webhook()));
            }
        }
        boolean taken =
                node.hasNonNull("xaiRequestId") || node.path("recovered").asBoolean(false);
        node.set("cancel", JSON.valueToTree(new JobCancel(at, taken)));
        return put(jobId, node, null);
    }

    @Override
    public synchronized void webhookReported(String jobId, WebhookReport report) {
        Item item = items.get(jobId);
        ObjectNode node = JSON.valueToTree(item.record());
        node.set("webhookDelivery", JSON.valueToTree(report));
        put(jobId, node, item.claimExpiresAt());
    }

    /** Newest first by received time; the token is the index of the next job in that order. */
    @Override
    public synchronized JobPage list(JobQuery query, Instant now) {
        List<JobRecord> all = items.values().stream()
                .map(Item::record)
                .filter(r -> query.status() == null || r.status() == query.status())
                .filter(r ->
                        query.user() == null || query.user().equals(r.asked().user()))
                .filter(r -> query.tagKey() == null
                        || (r.asked().tags() != null
                                && query.tagValue().equals(r.asked().tags().get(query.tagKey()))))
                .sorted(Comparator.comparing((JobRecord r) -> r.times().receivedAt())
                        .reversed())
                .toList();
        int from = query.next() == null ? 0 : Integer.parseInt(query.next());
        int to = Math.min(all.size(), from + query.limit());
        List<JobPage.Summary> page = new ArrayList<>();
        for (JobRecord r : all.subList(from, to)) {
            page.add(new JobPage.Summary(
                    r.jobId(),
                    r.status(),
                    r.outcome(),
                    r.asked().operation(),
                    r.asked().model(),
                    r.asked().user(),
                    r.asked().tags(),
                    r.times().receivedAt(),
                    r.times().finishedAt()));
        }
        return new JobPage(page, to < all.size() ? Integer.toString(to) : null);
    }

    private JobRecord put(String jobId, ObjectNode node, Instant claimExpiresAt) {
        try {
            JobRecord record = JSON.treeToValue(node, JobRecord.class);
            items.put(jobId, new Item(record, claimExpiresAt));
            return record;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
