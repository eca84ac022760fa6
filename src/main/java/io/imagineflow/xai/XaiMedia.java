package io.imagineflow.xai;

import io.imagineflow.job.Imagine;
import io.imagineflow.job.JobInvalid;
import io.imagineflow.job.JobOutput;
import io.imagineflow.job.JobUnavailable;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Opens a finished output's bytes for the fallback copy of a delivery: xAI's own output URL (on xAI's media
 * hosts only, without the key, no redirects followed) or, when there is none, the stored file's content in xAI
 * Files through the API. A stream, never a buffer: a video may be tens of megabytes.
 */
@ApplicationScoped
public class XaiMedia {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private final XaiClient client;
    private final XaiConfig config;

    XaiMedia(XaiClient client, XaiConfig config) {
        this.client = client;
        this.config = config;
    }

    Imagine.Download open(JobOutput output) {
        if (output.url() != null) {
            return download(output.url(), output.mediaType());
        }
        if (output.fileId() != null) {
            try {
                return new Imagine.Download(client.openFileContent(output.fileId(), null), output.mediaType());
            } catch (XaiException.NotFound gone) {
                throw new JobInvalid("outputs", "xAI Files no longer has " + output.fileId());
            } catch (XaiException e) {
                throw new JobUnavailable("xAI Files could not serve " + output.fileId() + ": " + e.getMessage(), e);
            }
        }
        throw new JobInvalid("outputs", "an output without a URL or a file id cannot be copied");
    }

    private Imagine.Download download(String url, String mediaType) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new JobInvalid("outputs", "xAI's output URL is not a URL");
        }
        String refusal = refusal(uri, config.mediaHosts());
        if (refusal != null) {
            throw new JobInvalid("outputs", "xAI's output URL " + refusal);
        }
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            int status = connection.getResponseCode();
            if (status == 200) {
                InputStream in = connection.getInputStream();
                String type = connection.getContentType();
                return new Imagine.Download(in, type == null || type.isBlank() ? mediaType : type);
            }
            connection.disconnect();
            if (status >= 500 || status == 429) {
                throw new JobUnavailable("xAI's output URL answered HTTP " + status, null);
            }
            throw new JobInvalid("outputs", "xAI's output URL answered HTTP " + status + " (expired or gone)");
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect();
            }
            throw new JobUnavailable("xAI's output URL could not be read: " + e.getMessage(), e);
        }
    }

    /** Why {@code uri} may not be downloaded from, or null when it may. */
    static String refusal(URI uri, List<String> mediaHosts) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null) {
            return "must name a host, without user information";
        }
        boolean allowed = mediaHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .anyMatch(h -> host.equals(h) || host.endsWith("." + h));
        if (!allowed) {
            return "is on host " + host + ", not one of xai.media-hosts " + mediaHosts;
        }
        if (scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(host)) {
            return null;
        }
        return "must use https (plain http only for a loopback host)";
    }
}
