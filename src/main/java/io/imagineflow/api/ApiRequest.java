package io.imagineflow.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The route of an API Gateway request, from an HTTP API event (payload 2.0: {@code routeKey},
 * {@code requestContext.http}) or a REST API one (1.0: {@code httpMethod}, {@code resource}): the method, the route
 * template, the job id of the path, and the query.
 */
record ApiRequest(String method, Route route, String jobId, JsonNode query) {

    enum Route {
        JOBS("/jobs"),
        JOB("/jobs/{id}"),
        CANCEL("/jobs/{id}/cancel"),
        BATCHES("/batches"),
        BATCH("/batches/{id}"),
        UNKNOWN("");

        final String template;

        Route(String template) {
            this.template = template;
        }
    }

    private static final Pattern JOB = Pattern.compile("(?:/[^/]+)??/jobs/([^/]+)(/cancel)?/?");
    private static final Pattern JOBS = Pattern.compile("(?:/[^/]+)??/jobs/?");
    private static final Pattern BATCH = Pattern.compile("(?:/[^/]+)??/batches/([^/]+)/?");
    private static final Pattern BATCHES = Pattern.compile("(?:/[^/]+)??/batches/?");

    static ApiRequest of(JsonNode event) {
        String method = first(event.path("requestContext").path("http").path("method"), event.path("httpMethod"))
                .map(m -> m.toUpperCase(Locale.ROOT))
                .orElse("");
        JsonNode query = event.path("queryStringParameters");
        String id = event.path("pathParameters").path("id").asText(null);
        Optional<String> template = first(event.path("routeKey"), event.path("resource"))
                .map(k -> k.contains(" ") ? k.substring(k.indexOf(' ') + 1) : k);
        if (template.isPresent()) {
            for (Route route : Route.values()) {
                if (route.template.equals(template.get())) {
                    return new ApiRequest(method, route, id, query);
                }
            }
        }
        // No route key (a request without a matching route, or a hand-made event): the path decides.
        String path = first(event.path("rawPath"), event.path("path")).orElse("");
        Matcher job = JOB.matcher(path);
        if (job.matches()) {
            return new ApiRequest(method, job.group(2) == null ? Route.JOB : Route.CANCEL, job.group(1), query);
        }
        Matcher batch = BATCH.matcher(path);
        if (batch.matches()) {
            return new ApiRequest(method, Route.BATCH, batch.group(1), query);
        }
        if (BATCHES.matcher(path).matches()) {
            return new ApiRequest(method, Route.BATCHES, null, query);
        }
        return new ApiRequest(method, JOBS.matcher(path).matches() ? Route.JOBS : Route.UNKNOWN, null, query);
    }

    /** One query parameter; HTTP APIs join repeated ones with commas, so a repeat reads as one odd value. */
    Optional<String> param(String name) {
        JsonNode value = query.path(name);
        return value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static Optional<String> first(JsonNode a, JsonNode b) {
        if (a.isTextual() && !a.textValue().isEmpty()) {
            return Optional.of(a.textValue());
        }
        return b.isTextual() && !b.textValue().isEmpty() ? Optional.of(b.textValue()) : Optional.empty();
    }
}
