package io.imagineflow.job;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * xAI as the job services see it ({@link Imagine}), scripted: each start and each look takes the next answer
 * queued for it (a result, or an exception to throw), and a start with nothing queued is accepted. Every call
 * is counted, so a test can say "no call to xAI" or "started once".
 */
class FakeImagine implements Imagine {

    private final Deque<Supplier<Started>> starts = new ArrayDeque<>();
    private final Map<String, Deque<Supplier<Check>>> checks = new HashMap<>();
    final List<String> started = new ArrayList<>();
    final List<String> looks = new ArrayList<>();
    final List<String> uploads = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    /** The upload URLs each start carried, by job id. */
    final Map<String, List<URI>> uploadUrls = new HashMap<>();

    final List<String> opened = new ArrayList<>();
    private final Map<String, byte[]> media = new HashMap<>();
    private int nextId = 1;

    FakeImagine answerStart(Started answer) {
        starts.add(() -> answer);
        return this;
    }

    FakeImagine failStart(RuntimeException error) {
        starts.add(() -> {
            throw error;
        });
        return this;
    }

    FakeImagine answerCheck(String xaiRequestId, Check answer) {
        checks.computeIfAbsent(xaiRequestId, id -> new ArrayDeque<>()).add(() -> answer);
        return this;
    }

    FakeImagine failCheck(String xaiRequestId, RuntimeException error) {
        checks.computeIfAbsent(xaiRequestId, id -> new ArrayDeque<>()).add(() -> {
            throw error;
        });
        return this;
    }

    @Override
    public Started start(String jobId, JobRequest request, List<URI> uploadUrls) {
        started.add(jobId);
        this.uploadUrls.put(jobId, List.copyOf(uploadUrls));
        Supplier<Started> answer = starts.poll();
        return answer != null ? answer.get() : new Started.Accepted("xai-" + nextId++);
    }

    @Override
    public Download open(JobOutput output) {
        byte[] bytes = media.get(output.url() != null ? output.url() : output.fileId());
        if (bytes == null) {
            throw new JobInvalid("outputs", "xAI's output URL answered HTTP 404 (expired or gone)");
        }
        opened.add(output.url() != null ? output.url() : output.fileId());
        return new Download(new java.io.ByteArrayInputStream(bytes), output.mediaType());
    }

    /** The bytes xAI serves at an output's URL (or file id), for a fallback copy. */
    FakeImagine serve(String urlOrFileId, byte[] bytes) {
        media.put(urlOrFileId, bytes);
        return this;
    }

    @Override
    public Check check(Operation operation, String xaiRequestId) {
        looks.add(xaiRequestId);
        Deque<Supplier<Check>> answers = checks.get(xaiRequestId);
        if (answers == null || answers.isEmpty()) {
            return new Check(JobStatus.PENDING, null, null, null, null);
        }
        return answers.poll().get();
    }

    @Override
    public String upload(Path file, String filename, String mediaType, Duration expiresAfter) {
        uploads.add(filename);
        return "file_" + uploads.size();
    }

    @Override
    public void delete(String fileId) {
        deleted.add(fileId);
    }
}
