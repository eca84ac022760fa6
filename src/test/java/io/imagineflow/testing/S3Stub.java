package io.imagineflow.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two S3 calls the functions make (HeadObject and GetObject, path-style), answered on loopback the way S3
 * answers them: ETag, size, content type, user metadata as x-amz-meta-*, If-Match, 404 for a missing key.
 * Tests put objects in and count the downloads.
 */
public final class S3Stub implements AutoCloseable {

    public record StoredObject(byte[] bytes, String contentType, Map<String, String> metadata, String etag) {}

    private final HttpServer server;
    private final Map<String, StoredObject> objects = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

    private S3Stub() {
        this.server = LoopbackServer.start("the S3 stub", this::handle);
    }

    public static S3Stub start() {
        return new S3Stub();
    }

    public String endpoint() {
        return LoopbackServer.endpoint(server);
    }

    public void put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        String etag = "\"" + md5(bytes) + "\"";
        objects.put(bucket + "/" + key, new StoredObject(bytes, contentType, Map.copyOf(metadata), etag));
    }

    public int downloads(String bucket, String key) {
        AtomicInteger count = downloads.get(bucket + "/" + key);
        return count == null ? 0 : count.get();
    }

    public void clear() {
        objects.clear();
        downloads.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path =
                    URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(1), StandardCharsets.UTF_8);
            StoredObject object = objects.get(path);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (object == null) {
                reply(
                        exchange,
                        404,
                        head,
                        "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist."
                                + "</Message></Error>");
                return;
            }
            String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
            if (ifMatch != null && !ifMatch.equals(object.etag())) {
                reply(exchange, 412, head, "<Error><Code>PreconditionFailed</Code></Error>");
                return;
            }
            var headers = exchange.getResponseHeaders();
            headers.set("ETag", object.etag());
            headers.set("Content-Type", object.contentType());
            headers.set("Last-Modified", "Sun, 22 Nov 2026 00:00:00 GMT");
            object.metadata().forEach((name, value) -> headers.set("x-amz-meta-" + name, value));
            if (head) {
                headers.set("Content-Length", String.valueOf(object.bytes().length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            downloads.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, object.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(object.bytes());
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, boolean head, String xml) throws IOException {
        if (head) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
