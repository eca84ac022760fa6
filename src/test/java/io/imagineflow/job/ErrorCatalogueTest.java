package io.imagineflow.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The error catalogue ({@link ErrorCode}) is the one vocabulary: the state machine's Retry and Catch lists, the
 * exceptions the functions throw and the error table of {@code docs/errors.md} are checked against it here, so
 * that none of them can drift. Run with {@code -Dimagine.docs.write=true} to write the table from the catalogue.
 */
class ErrorCatalogueTest {

    private static final Path ASL = Path.of("infra", "statemachine", "imagine-job.asl.json");
    private static final Path WEBHOOK_ASL = Path.of("infra", "statemachine", "webhook-delivery.asl.json");
    private static final Path DOC = Path.of("docs", "errors.md");
    private static final String TABLE_START = "<!-- error-catalogue:start -->";
    private static final String TABLE_END = "<!-- error-catalogue:end -->";

    private final JsonNode asl = read(ASL);
    private final JsonNode webhookAsl = read(WEBHOOK_ASL);

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> names(ErrorCode.Retry retry) {
        return ErrorCode.retriedBy(retry).stream().map(ErrorCode::errorName).collect(Collectors.toSet());
    }

    private List<Map.Entry<String, JsonNode>> tasks() {
        return tasks(asl);
    }

    private static List<Map.Entry<String, JsonNode>> tasks(JsonNode definition) {
        List<Map.Entry<String, JsonNode>> tasks = new ArrayList<>();
        definition.get("States").fields().forEachRemaining(e -> {
            if ("Task".equals(e.getValue().path("Type").asText())) {
                tasks.add(e);
            }
        });
        return tasks;
    }

    @Test
    void everyTaskRetriesExactlyWhatTheCatalogueSaysIsRetried() {
        assertEquals(4, tasks().size());
        for (Map.Entry<String, JsonNode> task : tasks()) {
            Set<ErrorCode.Retry> expected = new HashSet<>(Arrays.asList(ErrorCode.Retry.values()));
            expected.remove(ErrorCode.Retry.NEVER);
            expected.remove(ErrorCode.Retry.WEBHOOK);
            if (task.getKey().equals("Submit")) {
                // A submit that timed out may have started (and will be billed for) the job: never again.
                expected.remove(ErrorCode.Retry.TIMEOUT);
            }
            assertEquals(expected, retries(task), task.getKey());
        }
    }

    @Test
    void theWebhookMachineRetriesADeliveryOnItsOwnScheduleForOverADay() {
        Map<String, JsonNode> tasks = new java.util.HashMap<>();
        tasks(webhookAsl).forEach(t -> tasks.put(t.getKey(), t.getValue()));
        assertEquals(Set.of("Deliver", "GiveUp"), tasks.keySet());
        assertEquals(
                Set.of(
                        ErrorCode.Retry.WEBHOOK,
                        ErrorCode.Retry.TRANSIENT,
                        ErrorCode.Retry.LAMBDA,
                        ErrorCode.Retry.TIMEOUT),
                retries(Map.entry("Deliver", tasks.get("Deliver"))));
        assertEquals(
                Set.of(ErrorCode.Retry.TRANSIENT, ErrorCode.Retry.LAMBDA, ErrorCode.Retry.TIMEOUT),
                retries(Map.entry("GiveUp", tasks.get("GiveUp"))));
        JsonNode webhook = tasks.get("Deliver").get("Retry").get(0);
        long total = 0; // MaxAttempts counts the retries, each after its delay
        double interval = webhook.get("IntervalSeconds").asDouble();
        for (int retry = 0; retry < webhook.get("MaxAttempts").asInt(); retry++) {
            total += (long) Math.min(interval, webhook.get("MaxDelaySeconds").asDouble());
            interval *= webhook.get("BackoffRate").asDouble();
        }
        assertTrue(total >= 24 * 3600, "retries span " + total + " s");
        assertEquals("NONE", webhook.get("JitterStrategy").asText(), "jitter would halve the span on average");
        assertTrue(webhookAsl.get("TimeoutSeconds").asLong() > total + 3600, "the execution outlives its retries");
    }

    private static Set<ErrorCode.Retry> retries(Map.Entry<String, JsonNode> task) {
        Set<ErrorCode.Retry> found = new HashSet<>();
        for (JsonNode retrier : task.getValue().path("Retry")) {
            Set<String> matched = new TreeSet<>();
            retrier.path("ErrorEquals").forEach(n -> matched.add(n.asText()));
            ErrorCode.Retry rule = Arrays.stream(ErrorCode.Retry.values())
                    .filter(r -> names(r).equals(matched))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            task.getKey() + " retries " + matched + ", which is no rule of the catalogue"));
            assertTrue(found.add(rule), task.getKey() + " has two Retry entries for " + rule);
        }
        return found;
    }

    @Test
    void everyErrorTheStateMachineNamesIsInTheCatalogue() {
        List<String> named = new ArrayList<>();
        java.util.stream.Stream.concat(
                        java.util.stream.StreamSupport.stream(asl.get("States").spliterator(), false),
                        java.util.stream.StreamSupport.stream(
                                webhookAsl.get("States").spliterator(), false))
                .forEach(state -> {
                    state.path("Retry").forEach(r -> r.path("ErrorEquals").forEach(n -> named.add(n.asText())));
                    state.path("Catch").forEach(c -> c.path("ErrorEquals").forEach(n -> named.add(n.asText())));
                    if (state.path("Result").has("Error")) {
                        String raised = state.path("Result").get("Error").asText();
                        assertEquals(
                                ErrorCode.Raised.STATE_MACHINE,
                                ErrorCode.of(raised).orElseThrow().raised(),
                                raised);
                    }
                });
        for (String name : named) {
            assertTrue(name.equals("States.ALL") || ErrorCode.of(name).isPresent(), name + " is not in the catalogue");
        }
    }

    @Test
    void everyFunctionErrorIsAJobExceptionOfTheSameCode() throws Exception {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.raised() == ErrorCode.Raised.FUNCTION) {
                Class<?> type = Class.forName(code.errorName());
                assertTrue(JobException.class.isAssignableFrom(type), code.errorName());
            }
        }
        assertEquals(ErrorCode.JOB_THROTTLED, new JobThrottled("m", 1, null).code());
        assertEquals(ErrorCode.JOB_IN_PROGRESS, new JobInProgress("j", null).code());
        assertEquals(ErrorCode.JOB_CONFLICT, new JobConflict("j").code());
        assertEquals(ErrorCode.JOB_INVALID, new JobInvalid("f", "r").code());
        assertEquals(ErrorCode.JOB_UNAVAILABLE, new JobUnavailable("m", null).code());
        assertEquals(ErrorCode.JOB_UNAUTHORIZED, new JobUnauthorized("m", null).code());
        assertEquals(ErrorCode.JOB_MISCONFIGURED, new JobMisconfigured("m", null).code());
        assertEquals(ErrorCode.JOB_INTERNAL, new JobInternal("m", null).code());
        assertEquals(ErrorCode.WEBHOOK_FAILED, new WebhookFailed("m", null).code());
        assertEquals(ErrorCode.WEBHOOK_REFUSED, new WebhookRefused("m", null).code());
    }

    @Test
    void recordsWrittenBeforeTheCatalogueReadAsItsCodes() {
        assertEquals(JobFailure.xaiFailed("internal_error", "m"), JobFailure.read("internal_error", "m", null));
        assertEquals(
                ErrorCode.JOB_POLL_LIMIT,
                JobFailure.read("ImagineFlow.PollLimit", "m", null).code());
        assertEquals(
                ErrorCode.JOB_INVALID, JobFailure.read("JobInvalid", "m", null).code());
    }

    @Test
    void theDocumentedErrorTableIsTheCatalogue() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(TABLE_START);
        int end = doc.indexOf(TABLE_END);
        assertTrue(start >= 0 && end > start, DOC + " has the markers " + TABLE_START + " and " + TABLE_END);
        String table = table();
        if (Boolean.getBoolean("imagine.docs.write")) {
            Files.writeString(
                    DOC,
                    doc.substring(0, start + TABLE_START.length()) + "\n" + table + doc.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertEquals(
                table,
                doc.substring(start + TABLE_START.length() + 1, end),
                DOC + " is not the catalogue: rerun with -Dimagine.docs.write=true");
    }

    private static String table() {
        StringBuilder out =
                new StringBuilder("| `error.code` | error name (Lambda) | raised by | retried | ends as | meaning |\n"
                        + "| --- | --- | --- | --- | --- | --- |\n");
        for (ErrorCode code : ErrorCode.values()) {
            out.append("| `")
                    .append(code.code())
                    .append("` | ")
                    .append(code.raised() == ErrorCode.Raised.FUNCTION ? "`" + code.errorName() + "`" : "-")
                    .append(" | ")
                    .append(code.raised().name().toLowerCase().replace('_', ' '))
                    .append(" | ")
                    .append(code.retried() ? code.retry().name().toLowerCase() : "no")
                    .append(" | ")
                    .append(code.ends().name().toLowerCase().replace('_', ' '))
                    .append(" | ")
                    .append(code.meaning())
                    .append(" |\n");
        }
        return out.toString();
    }
}
