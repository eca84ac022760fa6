package io.imagineflow.testing;

import io.quarkus.test.common.JarArtifactLauncher;
import io.quarkus.test.common.ListeningAddress;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the JVM jar of an integration test ({@code *IT}) the way AWS's managed Java runtime runs it: AWS's Runtime
 * Interface Client with {@code LambdaHandler}, polling the Lambda mock event server as its Runtime API. Quarkus's
 * own jar launcher would start the jar with {@code java -jar}, where a Funqy function never polls (only the
 * native executable and dev/test mode run Quarkus's poll loop). The runtime reaches the mock event server through a
 * {@link RuntimeApiRelay}. Found by Quarkus through
 * {@code META-INF/services/io.quarkus.test.common.JarArtifactLauncher}.
 */
public class RicJarLauncher implements JarArtifactLauncher {

    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String HANDLER = "io.imagineflow.functions.LambdaHandler::handleRequest";
    private static final String TEST_API = "quarkus-internal.aws-lambda.test-api";

    private final Map<String, String> systemProperties = new HashMap<>();
    private JarInitContext context;
    private RuntimeApiRelay relay;
    private Process process;

    @Override
    public void init(JarInitContext initContext) {
        this.context = initContext;
        if (initContext.getDevServicesLaunchResult() != null) {
            systemProperties.putAll(initContext.getDevServicesLaunchResult().properties());
        }
    }

    @Override
    public void includeAsSysProps(Map<String, String> properties) {
        systemProperties.putAll(properties);
    }

    @Override
    public Optional<ListeningAddress> start() throws IOException {
        Path target = context.jarPath().toAbsolutePath().getParent();
        String runtimeApi = systemProperties.get(TEST_API);
        if (runtimeApi == null) {
            throw new IllegalStateException("the Lambda mock event server did not start: no " + TEST_API);
        }
        List<String> command = new ArrayList<>(List.of(
                javaCommand(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                // Left to itself the RIC unpacks its JNI library to one shared /tmp path.
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + jni(target)));
        command.addAll(context.argLine());
        command.add("-Dquarkus.profile=" + (context.testProfile() == null ? "test" : context.testProfile()));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", classpath(context.jarPath(), target), RIC_MAIN, HANDLER));

        Path log = target.resolve("quarkus.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(context.env());
        relay = new RuntimeApiRelay(runtimeApi);
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", relay.address());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "imagine-flow-it");
        process = builder.start();
        // Events queue at the mock event server until the runtime asks for one, so there is nothing to wait for.
        return Optional.empty();
    }

    @Override
    public LaunchResult runToCompletion(String[] args) {
        throw new UnsupportedOperationException("a Lambda function has no command-line mode");
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(context.shutdownTimeout().toMillis() + 2000, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (relay != null) {
            relay.close();
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classpath(Path jar, Path target) throws IOException {
        List<String> entries = new ArrayList<>(List.of(jar.toAbsolutePath().toString()));
        try (Stream<Path> ric = Files.list(target.resolve("local").resolve("ric"))) {
            ric.map(Path::toString).sorted().forEach(entries::add);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path jni(Path target) throws IOException {
        try (Stream<Path> libraries = Files.list(target.resolve("local").resolve("jni"))) {
            String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
            return libraries
                    .filter(p -> p.getFileName().toString().endsWith(".linux-" + arch + ".so"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("no RIC JNI library for " + arch + " in target/local/jni"));
        }
    }
}
