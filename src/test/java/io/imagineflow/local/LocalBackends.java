package io.imagineflow.local;

import io.imagineflow.job.Sniff;
import io.imagineflow.sim.Fault;
import io.imagineflow.sim.SimulatorOptions;
import io.imagineflow.sim.XaiSimulator;
import io.imagineflow.testing.JobTable;
import io.imagineflow.testing.S3Server;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the functions talk to in the local run, in one process: DynamoDB Local with the job table, a real S3 API
 * (S3Proxy, which checks signatures) holding the example objects and the output bucket, and (without an xAI key)
 * the xAI simulator holding the example files. Started by
 * {@code infra/local}; prints one JSON line of endpoints when ready and ends when its standard input closes, so
 * it never outlives the run that started it.
 */
public final class LocalBackends {

    private LocalBackends() {}

    public static void main(String[] args) {
        // The JDK's HTTP server writes a response's head and body apart; with Nagle's algorithm on, a client on a
        // kept-alive connection waits out its delayed ACK (40 ms) for the body. Real servers do not do that, and
        // the benchmark's warm calls would measure it. Read once, before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            serve(options(args));
        } catch (Exception | Error e) {
            // DynamoDB Local's server threads would keep a failed start alive: end it, so the caller sees it.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void serve(Map<String, String> options) throws Exception {
        String table = options.getOrDefault("--table", "imagine-flow-jobs");
        int port = Integer.parseInt(options.getOrDefault("--dynamodb-port", String.valueOf(JobTable.freePort())));
        DynamoDBProxyServer dynamo = JobTable.serve(port);
        URI dynamoEndpoint = URI.create("http://127.0.0.1:" + port);
        try (DynamoDbClient client = JobTable.client(dynamoEndpoint)) {
            JobTable.create(client, table);
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("dynamodb", dynamoEndpoint.toString());

        S3Server s3 = options.containsKey("--s3proxy-jar")
                ? S3Server.start(Path.of(options.get("--s3proxy-jar")), "local", "local")
                : S3Server.start("local", "local");
        if (options.containsKey("--s3")) {
            putObjects(s3, Path.of(options.get("--s3")));
        }
        for (String bucket : options.getOrDefault("--buckets", "").split(",")) {
            if (!bucket.isBlank()) {
                s3.createBucket(bucket.strip());
            }
        }
        endpoints.put("s3", s3.endpoint());

        XaiSimulator simulator = null;
        if (options.containsKey("--xai-simulator")) {
            SimulatorOptions defaults = SimulatorOptions.defaults();
            SimulatorOptions sim = defaults.withReadyAfter(
                            millis(options.get("--image-ready-ms"), defaults.imageReadyAfter()),
                            millis(options.get("--video-ready-ms"), defaults.videoReadyAfter()))
                    .withSlowResponse(millis(options.get("--slow-response-ms"), defaults.slowResponse()));
            if (options.containsKey("--api-key")) {
                sim = sim.withApiKey(options.get("--api-key"));
            }
            if (options.containsKey("--fault-rate")) {
                // The reliability soak: a seeded share of the xAI calls gets one of the faults.
                Set<Fault> kinds = options.containsKey("--faults")
                        ? Arrays.stream(options.get("--faults").split(","))
                                .map(String::strip)
                                .map(Fault::valueOf)
                                .collect(Collectors.toSet())
                        : Fault.all();
                sim = sim.withFaults(
                        Long.parseLong(options.getOrDefault("--seed", "1")),
                        Double.parseDouble(options.get("--fault-rate")),
                        kinds);
            }
            simulator = XaiSimulator.start(sim);
            if (options.containsKey("--files")) {
                simulator.preload(Path.of(options.get("--files")));
            }
            endpoints.put("xai", simulator.baseUrl());
        }

        StringBuilder line = new StringBuilder("{");
        endpoints.forEach((name, url) -> line.append(line.length() > 1 ? "," : "")
                .append('"')
                .append(name)
                .append("\":\"")
                .append(url)
                .append('"'));
        System.out.println(line.append('}'));
        System.out.flush();

        while (System.in.read() >= 0) {
            // Runs until the parent closes the pipe, or dies.
        }
        if (simulator != null) {
            simulator.close();
        }
        s3.close();
        dynamo.stop();
        System.exit(0);
    }

    /** Each top folder of {@code root} is a bucket; the files below it are its objects, keyed by their paths. */
    private static void putObjects(S3Server s3, Path root) throws IOException {
        try (Stream<Path> buckets = Files.list(root)) {
            for (Path bucket : buckets.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(bucket)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String key = bucket.relativize(file).toString().replace('\\', '/');
                        byte[] bytes = Files.readAllBytes(file);
                        String type = Sniff.mediaType(bytes);
                        s3.put(
                                bucket.getFileName().toString(),
                                key,
                                bytes,
                                type == null ? "application/octet-stream" : type,
                                Map.of());
                    }
                }
            }
        }
    }

    private static Duration millis(String value, Duration otherwise) {
        return value == null ? otherwise : Duration.ofMillis(Long.parseLong(value));
    }

    /** {@code --name value} pairs; a flag followed by another flag (or nothing) is on. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(args[i], hasValue ? args[++i] : "true");
        }
        return options;
    }
}
