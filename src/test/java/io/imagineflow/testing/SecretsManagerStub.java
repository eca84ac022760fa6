package io.imagineflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Secrets Manager's GetSecretValue (JSON 1.1 protocol) on loopback, counting the calls. */
public final class SecretsManagerStub implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();

    private SecretsManagerStub(HttpServer server) {
        this.server = server;
    }

    public static SecretsManagerStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SecretsManagerStub stub = new SecretsManagerStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new IllegalStateException("the Secrets Manager stub did not start", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void put(String arn, String value) {
        secrets.put(arn, value);
    }

    public int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            JsonNode request = json.readTree(exchange.getRequestBody());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String arn = request.path("SecretId").asText();
            String value = secrets.get(arn);
            String body;
            int status;
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                status = 400;
                body = json.createObjectNode().put("__type", "UnknownOperationException").toString();
            } else if (value == null) {
                status = 400;
                body = json.createObjectNode().put("__type", "ResourceNotFoundException")
                        .put("message", "Secrets Manager can't find the specified secret.").toString();
            } else {
                status = 200;
                body = json.createObjectNode().put("ARN", arn).put("Name", "xai-key").put("VersionId", "v1")
                        .put("SecretString", value).put("CreatedDate", 1.7e9).toString();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
