package io.imagineflow.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * Passes a Lambda runtime's Runtime API calls on to Quarkus's Lambda mock event server, answering a delivered
 * response or error with 202 as Lambda does: the mock server answers 204, which AWS's Runtime Interface Client
 * takes for a broken Runtime API and exits on.
 */
final class RuntimeApiRelay implements AutoCloseable {

    // Hop-by-hop and computed headers, which the relay's own HTTP client sets itself.
    private static final Set<String> NOT_RELAYED =
            Set.of("connection", "content-length", "host", "expect", "upgrade", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String upstream;

    /** {@code upstream} is a Runtime API address as AWS_LAMBDA_RUNTIME_API holds it ({@code host:port[/path]}). */
    RuntimeApiRelay(String upstream) throws IOException {
        this.upstream = "http://" + upstream;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::relay);
        server.start();
    }

    /** The address to give the runtime as AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0 && "GET".equals(exchange.getRequestMethod())
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> header :
                    exchange.getRequestHeaders().entrySet()) {
                if (!NOT_RELAYED.contains(header.getKey().toLowerCase())) {
                    header.getValue().forEach(value -> request.header(header.getKey(), value));
                }
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_RELAYED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            int status = response.statusCode() == 204 && "POST".equals(exchange.getRequestMethod())
                    ? 202
                    : response.statusCode();
            byte[] answer = response.body();
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
