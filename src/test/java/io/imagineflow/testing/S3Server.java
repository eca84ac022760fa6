package io.imagineflow.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A real S3 API on loopback: S3Proxy (Apache-2.0) over an in-memory store. It checks SigV4 signatures, presigned
 * URLs and their expiry included, so a test proves that a URL the functions signed is taken and a wrong one
 * refused, which no hand-written stub could. S3Proxy ships its own AWS SDK and Jackson, which clash with the
 * functions' versions, so its self-contained jar (copied by the build to {@code target/s3proxy/s3proxy.jar}) is
 * loaded in a class loader of its own and driven by reflection; everything else goes through the S3 API.
 */
public final class S3Server implements AutoCloseable {

    /** The jar's place: the build passes it to tests; the local run passes it on the command line. */
    public static final String JAR_PROPERTY = "imagine.s3proxy.jar";

    private final URLClassLoader loader;
    private final Object proxy;
    private final String endpoint;
    private final S3Client client;

    private S3Server(URLClassLoader loader, Object proxy, String endpoint, String identity, String credential) {
        this.loader = loader;
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.client = client(endpoint, identity, credential);
    }

    /** A path-style client of the S3 API at {@code endpoint}, signing as {@code identity}. */
    public static S3Client client(String endpoint, String identity, String credential) {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(identity, credential)))
                .build();
    }

    /** Starts on a free loopback port, taking requests signed with {@code identity} and {@code credential}. */
    public static S3Server start(String identity, String credential) {
        return start(jar(), identity, credential);
    }

    public static S3Server start(Path jar, String identity, String credential) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        URLClassLoader loader = null;
        try {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            Properties props = new Properties();
            props.setProperty("s3proxy.endpoint", "http://127.0.0.1:0");
            props.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            props.setProperty("s3proxy.identity", identity);
            props.setProperty("s3proxy.credential", credential);
            props.setProperty("jclouds.provider", "transient");
            props.setProperty("jclouds.identity", identity);
            props.setProperty("jclouds.credential", credential);
            Class<?> blobStores = loader.loadClass("org.gaul.s3proxy.BlobStores");
            Object store = blobStores
                    .getMethod("create", String.class, Properties.class)
                    .invoke(null, "transient", props);
            Class<?> builderType = loader.loadClass("org.gaul.s3proxy.S3Proxy$Builder");
            Object builder =
                    builderType.getMethod("fromProperties", Properties.class).invoke(null, props);
            Method blobStore = findMethod(builderType, "blobStore");
            builder = blobStore.invoke(builder, store);
            Object proxy = builderType.getMethod("build").invoke(builder);
            proxy.getClass().getMethod("start").invoke(proxy);
            int port = waitForPort(proxy);
            return new S3Server(loader, proxy, "http://127.0.0.1:" + port, identity, credential);
        } catch (ReflectiveOperationException | java.io.IOException | InterruptedException e) {
            closeQuietly(loader);
            throw new IllegalStateException("S3Proxy did not start from " + jar, e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        Path jar = configured != null ? Path.of(configured) : Path.of("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "S3Proxy's jar is missing at " + jar + ": mvn generate-test-resources copies it there");
        }
        return jar;
    }

    private static Method findMethod(Class<?> type, String name) {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new IllegalStateException("S3Proxy's builder has no " + name);
    }

    private static int waitForPort(Object proxy) throws ReflectiveOperationException, InterruptedException {
        Method state = proxy.getClass().getMethod("getState");
        Method port = proxy.getClass().getMethod("getPort");
        for (int i = 0; i < 200 && !"STARTED".equals(state.invoke(proxy)); i++) {
            Thread.sleep(25);
        }
        return (int) port.invoke(proxy);
    }

    public String endpoint() {
        return endpoint;
    }

    /** A client signed with the server's own identity: what tests put objects and look with. */
    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        try {
            client.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // Already there.
        }
    }

    public void put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        createBucket(bucket);
        client.putObject(
                b -> b.bucket(bucket).key(key).contentType(contentType).metadata(metadata),
                RequestBody.fromBytes(bytes));
    }

    public Optional<byte[]> get(String bucket, String key) {
        try {
            return Optional.of(
                    client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public List<S3Object> list(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .toList();
    }

    /** Removes every object of every bucket, keeping the buckets. */
    public void clear() {
        for (var bucket : client.listBuckets().buckets()) {
            for (S3Object object : list(bucket.name(), "")) {
                client.deleteObject(b -> b.bucket(bucket.name()).key(object.key()));
            }
        }
    }

    @Override
    public void close() {
        try {
            proxy.getClass().getMethod("stop").invoke(proxy);
        } catch (ReflectiveOperationException e) {
            // Stopping a server in a test's teardown: nothing left to do about it.
        }
        client.close();
        closeQuietly(loader);
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (java.io.IOException ignored) {
                // The jar stays open until the JVM ends; harmless.
            }
        }
    }
}
