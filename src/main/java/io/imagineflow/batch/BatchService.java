package io.imagineflow.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.events.BatchIds;
import io.imagineflow.job.JobCost;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobRecord;
import io.imagineflow.job.JobStore;
import io.imagineflow.ops.LogContext;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Opens and closes batches for the batch state machine (infra/statemachine/imagine-batch.asl.json). Open: the
 * trigger (an S3 {@code Object Created}, an {@code Imagine Batch Requested} event or {@code {"manifest": ...}})
 * names a manifest, which is checked line by line and gets a batch id (the caller's, or one derived from the
 * manifest's location and version, so a repeated trigger names the same batch) and a run. Close: every line's
 * job record is read, in line order, into the results manifest, the batch record and the completion event.
 */
@ApplicationScoped
public class BatchService {

    private static final Logger LOG = Logger.getLogger(BatchService.class);

    /** What the batch machine goes on with: the Map reads {@code manifest} and names jobs by {@code batchId}. */
    @RegisterForReflection
    public record Opened(String batchId, int run, int lines, Map<String, String> manifest, boolean duplicate) {}

    private final BatchStore batches;
    private final BatchFiles files;
    private final JobStore jobs;
    private final BatchEvents events;
    private final BatchConfig config;
    private final ObjectMapper json;
    private final Clock clock;

    BatchService(
            BatchStore batches,
            BatchFiles files,
            JobStore jobs,
            BatchEvents events,
            BatchConfig config,
            ObjectMapper json,
            Clock clock) {
        this.batches = batches;
        this.files = files;
        this.jobs = jobs;
        this.events = events;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public Opened open(JsonNode trigger) {
        BatchRequest request = BatchRequest.of(trigger);
        String etag = files.etag(request.bucket(), request.key(), config.maxBytes());
        String batchId = request.batchId(etag);
        LogContext.job(batchId, "batch");
        int lines;
        try (InputStream manifest = files.open(request.bucket(), request.key(), etag)) {
            lines = ManifestLines.count(manifest, config.maxLines(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant now = clock.instant();
        String manifest = "s3://" + request.bucket() + "/" + request.key();
        BatchStore.Opened opened = batches.open(batchId, manifest, lines, now, now.minus(config.staleAfter()));
        Map<String, String> location = Map.of("bucket", request.bucket(), "key", request.key());
        if (opened instanceof BatchStore.Opened.AlreadyRunning running) {
            LOG.infof(
                    "batch %s: already running (run %d); this start does nothing",
                    batchId, running.record().run());
            return new Opened(batchId, running.record().run(), lines, location, true);
        }
        int run = ((BatchStore.Opened.Run) opened).record().run();
        LOG.infof("batch %s: run %d of %s, %d lines", batchId, run, manifest, lines);
        return new Opened(batchId, run, lines, location, false);
    }

    /** Every line's record, in line order, into the results manifest; the batch record and its event. */
    public BatchRecord close(String batchId, int run) {
        LogContext.job(batchId, "batch");
        BatchRecord open = batches.find(batchId)
                .orElseThrow(() -> new JobInvalid("batchId", "batch " + batchId + " was never opened"));
        if (open.run() != run) {
            // A later run of the manifest was opened while this one ran: its own close writes the results.
            LOG.infof("batch %s: run %d closes nothing, run %d is the batch's now", batchId, run, open.run());
            return open;
        }
        String bucket =
                open.manifest().substring("s3://".length(), open.manifest().indexOf('/', "s3://".length()));
        String key = config.resultsPrefix() + batchId + ".jsonl";
        Map<String, Integer> counts = new TreeMap<>();
        long ticks = 0;
        BigDecimal usd = BigDecimal.ZERO;
        boolean anyCost = false;
        Instant first = null;
        Instant last = null;
        Path results = null;
        try {
            results = Files.createTempFile("batch-results-", ".jsonl");
            try (Writer out = Files.newBufferedWriter(results, StandardCharsets.UTF_8)) {
                for (int line = 1; line <= open.lines(); line++) {
                    String jobId = batchId + "-" + line;
                    Optional<JobRecord> found = jobs.find(jobId);
                    if (found.isEmpty()) {
                        counts.merge("missing", 1, Integer::sum);
                        out.write(json.writeValueAsString(Map.of("jobId", jobId, "status", "missing")));
                        out.write('\n');
                        continue;
                    }
                    JobRecord record = found.get();
                    counts.merge(record.status().id(), 1, Integer::sum);
                    if (record.cost() != null) {
                        anyCost = true;
                        ticks += record.cost().usdTicks();
                        usd = record.cost().usd() == null
                                ? usd
                                : usd.add(record.cost().usd());
                    }
                    Instant finished = record.times().finishedAt();
                    if (finished != null) {
                        first = first == null || finished.isBefore(first) ? finished : first;
                        last = last == null || finished.isAfter(last) ? finished : last;
                    }
                    out.write(json.writeValueAsString(record));
                    out.write('\n');
                }
            }
            files.write(bucket, key, results, "application/x-ndjson");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(results);
        }
        BatchRecord closed = open.closed(
                clock.instant(),
                counts,
                anyCost ? new JobCost(ticks, usd) : null,
                first,
                last,
                "s3://" + bucket + "/" + key);
        batches.close(closed);
        LOG.infof("batch %s: run %d closed, %s; results in %s", batchId, run, counts, closed.results());
        events.completed(closed);
        return closed;
    }

    public Optional<BatchRecord> find(String batchId) {
        if (!BatchIds.valid(batchId)) {
            throw new JobInvalid("batchId", BatchIds.RULE);
        }
        return batches.find(batchId);
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temporary file in a Lambda's /tmp: the next container starts without it anyway.
        }
    }
}
