package io.imagineflow.job;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
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

    private final Map<String, Item> items = new LinkedHashMap<>();
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
}
