package io.imagineflow.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagineflow.events.CaughtFailures;
import io.imagineflow.events.EventJson;
import io.imagineflow.job.ErrorCode;
import io.imagineflow.job.JobRecord;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.sim.XaiSimulatorResource;
import io.imagineflow.testing.AwsStubsResource;
import io.imagineflow.testing.DynamoDbLocalResource;
import io.imagineflow.testing.EventFuzzer;
import io.imagineflow.testing.Lambda;
import io.imagineflow.testing.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded fuzzing of submit through the Lambda door: every event ends as a started job (a state) or a
 * {@code JobInvalid} naming a field and a rule, with no other error; a refused event calls nothing at xAI; a
 * refused event that Step Functions could carry leaves a failed record through finalize's failure path (every
 * {@code fuzz.record-every}-th refusal is taken through it); and the function still answers at the end. {@code bench/fuzz --events N} runs the same test with more events and
 * writes its summary ({@code -Dfuzz.events}, {@code -Dfuzz.seed}, {@code -Dfuzz.summary}).
 */
@QuarkusTest
@TestProfile(Profiles.Submit.class)
@QuarkusTestResource(XaiSimulatorResource.class)
@QuarkusTestResource(DynamoDbLocalResource.class)
@QuarkusTestResource(AwsStubsResource.class)
class EventFuzzTest {

    private static final Pattern FIELD_AND_RULE = Pattern.compile("[^\\s:][^:]*: \\S.*", Pattern.DOTALL);
    private static final Pattern LIBRARY = Pattern.compile("com\\.fasterxml|java\\.lang|Exception|`");
    /** Counted per this many events, then the simulator and the table start afresh (their logs stay small). */
    private static final int ROUND = 250;

    private static final URI MOCK_EVENT_SERVER = URI.create("http://localhost:8081/");

    private final XaiSimulator sim = XaiSimulatorResource.simulator();
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    ObjectMapper json;

    @Inject
    CaughtFailures failures;

    @Test
    void everyEventEndsAsAStartedJobOrAJobInvalidWithAFieldAndARule() throws IOException {
        int events = Integer.getInteger("fuzz.events", 2000);
        long seed = Long.getLong("fuzz.seed", 1L);
        // The failure path costs three table calls: every n-th refusal takes it (the broken-event tests take it
        // always).
        int recordEvery = Integer.getInteger("fuzz.record-every", 4);
        EventFuzzer fuzzer = new EventFuzzer(seed, json, Path.of("infra", "events"));
        ObjectMapper finalizeDoor = json.copy();
        EventJson.configure(finalizeDoor.getFactory(), false);

        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, Integer> rules = new TreeMap<>();
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int recorded = 0;
        int refused = 0;
        long began = System.nanoTime();
        for (int i = 0; i < events; i++) {
            if (i % ROUND == 0) {
                sim.reset();
                // The files and objects the example events name, so that their jobs start as they would.
                sim.preload(Path.of("infra", "local", "media", "files"));
                DynamoDbLocalResource.clear();
                AwsStubsResource.resetExampleInputs();
            }
            EventFuzzer.Fuzzed event = fuzzer.next();
            int callsBefore = sim.exchanges().size();
            HttpResponse<String> answer = invoke(event.body());

            JsonNode body = json.readTree(answer.body());
            String outcome;
            if (answer.statusCode() == 200) {
                outcome = "started: " + body.path("status").asText();
            } else {
                String type = body.path("errorType").asText();
                String message = body.path("errorMessage").asText();
                if (!ErrorCode.JOB_INVALID.errorName().equals(type)
                        || !FIELD_AND_RULE.matcher(message).matches()
                        || LIBRARY.matcher(message).find()) {
                    wrong.add(event.kind() + " -> " + type + ": " + message + " <- " + excerpt(event));
                    continue;
                }
                if (sim.exchanges().size() != callsBefore) {
                    wrong.add(event.kind() + " refused after calling xAI: " + message + " <- " + excerpt(event));
                }
                outcome = "refused: JobInvalid";
                rules.merge(ruleOf(message), 1, Integer::sum);
                JsonNode carried = ++refused % recordEvery == 0 ? carried(finalizeDoor, event, answer.body()) : null;
                if (carried != null) {
                    // What finalize answers is the record as the table holds it after the write.
                    JobRecord stored = failures.finish(carried);
                    // A record keeps the first 2,000 characters of a message.
                    String kept = message.length() > 2000 ? message.substring(0, 2000) + "..." : message;
                    if (stored.error().code() != ErrorCode.JOB_INVALID
                            || !stored.error().message().equals(kept)) {
                        wrong.add(event.kind() + " recorded as " + stored.error() + " <- " + excerpt(event));
                    }
                    recorded++;
                }
            }
            outcomes.merge(outcome, 1, Integer::sum);
            byKind.merge(event.kind() + " " + outcome.substring(0, outcome.indexOf(':')), 1, Integer::sum);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        Lambda.ok("{\"operation\":\"image_generate\",\"prompt\":\"Still answering after the fuzz\"}");
        writeSummary(events, seed, seconds, outcomes, byKind, rules, recorded, wrong);

        assertTrue(
                wrong.isEmpty(),
                wrong.size() + " events ended otherwise, first: " + wrong.subList(0, Math.min(5, wrong.size())));
        assertEquals(
                events, outcomes.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(outcomes.keySet().stream().anyMatch(o -> o.startsWith("started")), "some events started jobs");
    }

    /** RecordFailure's payload for this refusal, read as finalize's door reads it; null if Step Functions could not carry the event. */
    private JsonNode carried(ObjectMapper finalizeDoor, EventFuzzer.Fuzzed event, String cause) throws IOException {
        if (event.body().length > 262_144) {
            return null;
        }
        String payload = "{\"failure\":{\"Error\":" + json.writeValueAsString(ErrorCode.JOB_INVALID.errorName())
                + ",\"Cause\":" + json.writeValueAsString(cause) + "},\"event\":" + event.text() + "}";
        try {
            JsonNode read = finalizeDoor.readTree(payload.getBytes(StandardCharsets.UTF_8));
            // Step Functions takes only a JSON value as an execution's input; a cut-off event never gets that far.
            return read instanceof ObjectNode && read.has("event") ? read : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    /**
     * The event posted to the Lambda mock event server, the door {@link Lambda} uses, with the JDK's client: REST
     * Assured costs tens of milliseconds a call, which a run of 100,000 events cannot afford.
     */
    private HttpResponse<String> invoke(byte[] event) throws IOException {
        try {
            return http.send(
                    HttpRequest.newBuilder(MOCK_EVENT_SERVER)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The rule with its particulars (quoted values, numbers, field lists) taken out, to count refusals by kind. */
    static String ruleOf(String message) {
        String rule = message.substring(message.indexOf(": ") + 2);
        rule = rule.replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("\\([^()]*\\)", "(…)")
                .replaceAll("\\b\\d+\\b", "N");
        int cut = rule.indexOf("; ");
        return printable(cut > 0 ? rule.substring(0, cut) : rule);
    }

    /** Text that UTF-8 can carry: a lone surrogate (the fuzzer makes them) becomes '?', as Java's encoder has it. */
    private static String printable(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String excerpt(EventFuzzer.Fuzzed event) {
        String text = event.text();
        return printable(text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private void writeSummary(
            int events,
            long seed,
            double seconds,
            Map<String, Integer> outcomes,
            Map<String, Integer> byKind,
            Map<String, Integer> rules,
            int recorded,
            List<String> wrong)
            throws IOException {
        String file = System.getProperty("fuzz.summary");
        if (file == null) {
            return;
        }
        ObjectNode summary = json.createObjectNode();
        summary.put("events", events)
                .put("seed", seed)
                .put("recordEvery", Integer.getInteger("fuzz.record-every", 4))
                .put("seconds", Math.round(seconds * 10) / 10.0)
                .put("eventsPerSecond", Math.round(events / seconds))
                .put("recordedFailures", recorded)
                .put("wrong", wrong.size())
                .put("passed", wrong.isEmpty());
        outcomes.forEach(summary.putObject("outcomes")::put);
        byKind.forEach(summary.putObject("byKind")::put);
        rules.forEach(summary.putObject("refusedByRule")::put);
        wrong.stream().limit(20).map(EventFuzzTest::printable).forEach(summary.putArray("wrongExamples")::add);
        Files.writeString(Path.of(file), json.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    }
}
