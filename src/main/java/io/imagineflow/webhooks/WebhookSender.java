package io.imagineflow.webhooks;

import io.imagineflow.job.OutboundUrls;
import io.imagineflow.job.WebhookConfig;
import io.imagineflow.job.WebhookFailed;
import io.imagineflow.job.WebhookRefused;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClientBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * POSTs one webhook to a user's URL under {@link OutboundUrls}' rules. Apache HttpClient rather than the JDK's
 * clients, because it takes a resolver: the name is resolved once, every address checked, and the connection made
 * to those very addresses, so a DNS answer that changes between the check and the connection (rebinding) cannot
 * lead to a private address. No redirect is followed, no proxy or cookie is used, the whole call is bounded by a
 * short timeout, and at most a few KB of the answer is read.
 */
@ApplicationScoped
public class WebhookSender {

    private final OutboundUrls urls;
    private final WebhookConfig config;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-deadline");
        t.setDaemon(true);
        return t;
    });

    WebhookSender(WebhookConfig config) {
        this.config = config;
        this.urls = new OutboundUrls(config.allowLoopback());
        int ms = (int) config.timeout().toMillis();
        this.http = HttpClientBuilder.create()
                .setDnsResolver(urls::resolve)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("imagine-flow-webhooks")
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(ms)
                        .setSocketTimeout(ms)
                        .setConnectionRequestTimeout(ms)
                        .setRedirectsEnabled(false)
                        .build())
                .build();
    }

    /** Returns the receiver's status (2xx); throws {@link WebhookFailed} (retried) or {@link WebhookRefused}. */
    int send(URI url, Map<String, String> headers, String body) {
        Optional<String> problem = urls.problem(url);
        if (problem.isPresent()) {
            throw new WebhookRefused("the webhook URL " + problem.get(), null);
        }
        HttpPost post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        // Per-read timeouts do not bound a receiver that answers a byte at a time: the whole call is.
        ScheduledFuture<?> deadline =
                deadlines.schedule(post::abort, config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try (CloseableHttpResponse response = http.execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            if (status / 100 == 2) {
                return status;
            }
            String said = excerpt(response.getEntity());
            throw new WebhookFailed(
                    "the receiver answered " + status + (status / 100 == 3 ? " (redirects are not followed)" : "")
                            + (said.isEmpty() ? "" : ": " + said),
                    null);
        } catch (OutboundUrls.Refused e) {
            throw new WebhookRefused(e.getMessage(), null);
        } catch (IOException e) {
            throw new WebhookFailed(
                    post.isAborted()
                            ? "the receiver did not answer within "
                                    + config.timeout().toSeconds() + " s"
                            : "the receiver could not be reached ("
                                    + e.getClass().getSimpleName() + ")",
                    null);
        } finally {
            deadline.cancel(false);
        }
    }

    /** The start of an answer, printable characters only, for the record's lastError. */
    private String excerpt(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            byte[] head = in.readNBytes(config.maxResponseBytes());
            String text = new String(head, StandardCharsets.UTF_8)
                    .replaceAll("[^\\p{Print}]", " ")
                    .strip();
            return text.length() > 200 ? text.substring(0, 200) + "..." : text;
        }
    }

    @PreDestroy
    void close() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }
}
