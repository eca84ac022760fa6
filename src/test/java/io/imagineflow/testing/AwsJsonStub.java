package io.imagineflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two AWS calls of the JSON 1.1 protocol the functions make, on loopback: Secrets Manager's GetSecretValue
 * (counting the calls), EventBridge's PutEvents (keeping the events, or refusing them when told to) and Step
 * Functions' StartExecution (keeping each execution's input by name), StopExecution and DescribeExecution.
 */
public final class AwsJsonStub implements AutoCloseable {

    /** One event as PutEvents received it. */
    public record Event(String bus, String source, String detailType, JsonNode detail) {}

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger secretReads = new AtomicInteger();
    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger eventsToRefuse = new AtomicInteger();
    private final Map<String, JsonNode> executions = new ConcurrentHashMap<>();
    private final java.util.Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final AtomicInteger executionsToThrottle = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();

    private AwsJsonStub() {
        this.server = LoopbackServer.start("the AWS JSON stub", this::handle);
    }

    public static AwsJsonStub start() {
        return new AwsJsonStub();
    }

    public String endpoint() {
        return LoopbackServer.endpoint(server);
    }

    public void putSecret(String arn, String value) {
        secrets.put(arn, value);
    }

    public int secretReads() {
        return secretReads.get();
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The next {@code times} PutEvents calls report their entry as failed, as EventBridge does when throttled. */
    public void refuseEvents(int times) {
        eventsToRefuse.set(times);
    }

    /** The executions StartExecution started, by name: their input as the execution received it. */
    public Map<String, JsonNode> executions() {
        return Map.copyOf(executions);
    }

    /** The next {@code times} StartExecution calls are throttled, as Step Functions throttles a burst. */
    public void throttleExecutions(int times) {
        executionsToThrottle.set(times);
    }

    public synchronized void clear() {
        events.clear();
        executions.clear();
        stopped.clear();
        executionsToThrottle.set(0);
        eventsToRefuse.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = json.readTree(exchange.getRequestBody());
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            ObjectNode body = json.createObjectNode();
            int status = 200;
            if (target.equals("secretsmanager.GetSecretValue")) {
                secretReads.incrementAndGet();
                String arn = request.path("SecretId").asText();
                String value = secrets.get(arn);
                if (value == null) {
                    status = 400;
                    body.put("__type", "ResourceNotFoundException")
                            .put("message", "Secrets Manager can't find the specified secret.");
                } else {
                    body.put("ARN", arn)
                            .put("Name", "xai-key")
                            .put("VersionId", "v1")
                            .put("SecretString", value)
                            .put("CreatedDate", 1.7e9);
                }
            } else if (target.equals("AWSEvents.PutEvents")) {
                putEvents(request, body);
            } else if (target.equals("AWSStepFunctions.StartExecution")) {
                status = startExecution(request, body);
            } else if (target.equals("AWSStepFunctions.StopExecution")) {
                status = stopExecution(request, body);
            } else if (target.equals("AWSStepFunctions.DescribeExecution")) {
                status = describeExecution(request, body);
            } else {
                status = 400;
                body.put("__type", "UnknownOperationException");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private synchronized void putEvents(JsonNode request, ObjectNode body) throws IOException {
        var entries = body.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : request.path("Entries")) {
            if (eventsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                failed++;
                entries.addObject().put("ErrorCode", "ThrottlingException").put("ErrorMessage", "Rate exceeded");
                continue;
            }
            events.add(new Event(
                    entry.path("EventBusName").asText(),
                    entry.path("Source").asText(),
                    entry.path("DetailType").asText(),
                    json.readTree(entry.path("Detail").asText())));
            entries.addObject().put("EventId", UUID.randomUUID().toString());
        }
        body.put("FailedEntryCount", failed);
    }

    /** As Step Functions does for a Standard state machine: an execution name is taken once. */
    private int startExecution(JsonNode request, ObjectNode body) throws IOException {
        if (executionsToThrottle.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            body.put("__type", "ThrottlingException").put("message", "Rate exceeded");
            return 400;
        }
        String name = request.path("name").asText();
        if (executions.putIfAbsent(name, json.readTree(request.path("input").asText())) != null) {
            body.put("__type", "ExecutionAlreadyExists").put("message", "Execution Already Exists: '" + name + "'");
            return 400;
        }
        body.put(
                        "executionArn",
                        request.path("stateMachineArn").asText().replace(":stateMachine:", ":execution:") + ":" + name)
                .put("startDate", 1.7e9);
        return 200;
    }

    /** Stops a running execution by its ARN; an unknown one is refused as Step Functions refuses it. */
    private int stopExecution(JsonNode request, ObjectNode body) {
        String name = nameOf(request);
        if (!executions.containsKey(name)) {
            body.put("__type", "ExecutionDoesNotExist").put("message", "Execution Does Not Exist: '" + name + "'");
            return 400;
        }
        stopped.add(name);
        body.put("stopDate", 1.7e9);
        return 200;
    }

    private int describeExecution(JsonNode request, ObjectNode body) {
        String name = nameOf(request);
        if (!executions.containsKey(name)) {
            body.put("__type", "ExecutionDoesNotExist").put("message", "Execution Does Not Exist: '" + name + "'");
            return 400;
        }
        body.put("executionArn", request.path("executionArn").asText())
                .put("stateMachineArn", "arn:aws:states:us-east-1:123456789012:stateMachine:imagine-job")
                .put("name", name)
                .put("status", stopped.contains(name) ? "ABORTED" : "RUNNING")
                .put("input", executions.get(name).toString())
                .put("startDate", 1.7e9);
        return 200;
    }

    private static String nameOf(JsonNode request) {
        String arn = request.path("executionArn").asText();
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    /** The executions StopExecution stopped, by name. */
    public java.util.Set<String> stopped() {
        return java.util.Set.copyOf(stopped);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
