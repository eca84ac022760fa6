package io.imagineflow.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The xAI simulator as a process:
 * {@code mvn -q test-compile exec:java@xai-simulator -Dexec.args="--port 8090"}. Options:
 * {@code --port N} (0 picks a free one), {@code --image-ready-ms N}, {@code --video-ready-ms N},
 * {@code --api-key K} (refuse other keys), {@code --fault-rate R} (0 to 1), {@code --seed N},
 * {@code --faults THROTTLED,SERVER_ERROR,...}, {@code --files DIR} (hold DIR's images and videos from the start,
 * each under its name's stem as the {@code file_id}), {@code --rate-limits} (xAI's per-model limits on: video 1,
 * image 5 requests a second), {@code --rps MODEL=N,...} (a model's own limit; implies --rate-limits),
 * {@code --limit-polls} (status polls count against the limits too). It prints its base URL and runs until stopped.
 */
public final class XaiSimulatorMain {

    private XaiSimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options = SimulatorOptions.defaults();
        int port = 8090;
        long seed = 1;
        double rate = 0;
        Set<Fault> kinds = Fault.all();
        Duration image = options.imageReadyAfter();
        Duration video = options.videoReadyAfter();
        Path files = null;
        boolean limited = false;
        boolean limitPolls = false;
        java.util.Map<String, Double> rps = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--image-ready-ms" -> image = Duration.ofMillis(Long.parseLong(value));
                case "--video-ready-ms" -> video = Duration.ofMillis(Long.parseLong(value));
                case "--api-key" -> options = options.withApiKey(value);
                case "--fault-rate" -> rate = Double.parseDouble(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--files" -> files = Path.of(value);
                case "--rate-limits" -> {
                    limited = true;
                    i--; // a switch: no value
                }
                case "--limit-polls" -> {
                    limitPolls = true;
                    i--;
                }
                case "--rps" -> {
                    limited = true;
                    for (String pair : value.split(",")) {
                        String[] kv = pair.split("=", 2);
                        rps.put(kv[0].strip(), Double.parseDouble(kv[1].strip()));
                    }
                }
                case "--faults" ->
                    kinds = Arrays.stream(value.split(","))
                            .map(String::strip)
                            .map(Fault::valueOf)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Fault.class)));
                default -> {
                    System.err.println("unknown option " + args[i] + " (see XaiSimulatorMain's documentation)");
                    System.exit(2);
                }
            }
            i++;
        }
        XaiSimulator simulator =
                XaiSimulator.start(options.withReadyAfter(image, video).withFaults(seed, rate, kinds), port);
        if (files != null) {
            simulator.preload(files);
        }
        simulator.limit(limited, rps, limitPolls);
        System.out.println("xAI simulator listening on " + simulator.baseUrl());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        new CountDownLatch(1).await();
    }
}
