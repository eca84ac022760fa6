package io.imagineflow.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * xAI's OpenAPI 3.1 document (in {@code src/test/resources/xai/}) as a JSON Schema 2020-12 validator: bodies
 * are checked against {@code #/components/schemas/<Name>}, and each operation's answer schema is read from the
 * document's paths.
 */
public final class OpenApiContract {

    private static final String BASE = "https://xai/openapi.json";
    private static final String RESOURCE = "xai/openapi.json";
    private static final Set<String> NOISE = Set.of("oneOf", "type");

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012, b -> b.schemaMappers(s -> s.mapPrefix(BASE, "classpath:" + RESOURCE)));
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonNode document;

    public OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            document = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule {@code body} breaks, as "{@code /field: rule}", or nothing when it conforms. */
    public List<String> violations(String schemaName, JsonNode body) {
        JsonSchema schema = schemas.computeIfAbsent(
                schemaName,
                name -> factory.getSchema(SchemaLocation.of(BASE + "#/components/schemas/" + name), config));
        Set<ValidationMessage> found = schema.validate(body);
        // A nullable field is oneOf [null, X]: when X's own rule failed, "not null" and "not one of" add nothing.
        Set<String> specific = found.stream()
                .filter(m -> !NOISE.contains(m.getType()))
                .map(m -> m.getInstanceLocation().toString())
                .collect(Collectors.toSet());
        return found.stream()
                .filter(m -> !(NOISE.contains(m.getType())
                        && specific.contains(m.getInstanceLocation().toString())))
                .map(m -> m.getInstanceLocation().getNameCount() == 0 ? "/" + m.getMessage() : m.getMessage())
                .sorted()
                .toList();
    }

    /**
     * The schema of the JSON answer {@code route} gives with {@code status}, or null where the document names
     * none (202 while pending, errors). A deferred image POST answers with {@code StartDeferredResponse}, which
     * the document leaves to prose.
     */
    public String responseSchema(Route route, int status, JsonNode requestBody) {
        if ((route == Route.GENERATE_IMAGE || route == Route.EDIT_IMAGE)
                && status == 200
                && requestBody != null
                && requestBody.path("deferred").asBoolean(false)) {
            return "StartDeferredResponse";
        }
        JsonNode ref = document.path("paths")
                .path(route.template)
                .path(route.method.toLowerCase())
                .path("responses")
                .path(String.valueOf(status))
                .path("content")
                .path("application/json")
                .path("schema")
                .path("$ref");
        return ref.isMissingNode() ? null : ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
    }

    /** The number of operations the document defines: the client and the simulator must cover every one. */
    public int operationCount() {
        int count = 0;
        for (JsonNode path : document.path("paths")) {
            count += path.size();
        }
        return count;
    }
}
