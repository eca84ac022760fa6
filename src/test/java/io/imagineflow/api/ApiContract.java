package io.imagineflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The job API's OpenAPI 3.1 document (infra/api/openapi.yaml) as a JSON Schema 2020-12 validator, with the same
 * validator as xAI's document ({@code sim.OpenApiContract}): a request's body and query, and each answer by route,
 * method and status, are checked against the schemas the document names for them.
 */
public final class ApiContract {

    static final Path DOCUMENT = Path.of("infra", "api", "openapi.yaml");
    private static final String BASE = "https://imagine-flow/openapi.yaml";

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(
                    s -> s.mapPrefix(BASE, DOCUMENT.toAbsolutePath().toUri().toString())));
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonNode document;
    private final ObjectMapper json = new ObjectMapper();

    public ApiContract() {
        try {
            document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Every rule {@code body} breaks against {@code #/components/schemas/<name>}. */
    public List<String> violations(String name, JsonNode body) {
        JsonSchema schema = schemas.computeIfAbsent(
                name, n -> factory.getSchema(SchemaLocation.of(BASE + "#/components/schemas/" + n), config));
        Set<ValidationMessage> found = schema.validate(body);
        return found.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Asserts that an answer of the api function conforms to what the document says of this route and status. */
    public void assertAnswer(String path, String method, JsonNode answer) throws IOException {
        int status = answer.get("statusCode").asInt();
        JsonNode operation = operation(path, method);
        JsonNode response = resolve(operation.path("responses").path(String.valueOf(status)));
        assertNotNull(
                response.isMissingNode() ? null : response,
                method + " " + path + " answered " + status + ", which the document does not list");
        String ref = response.path("content")
                .path("application/json")
                .path("schema")
                .path("$ref")
                .asText();
        JsonNode body = json.readTree(answer.get("body").asText());
        assertEquals(
                List.of(),
                violations(ref.substring(ref.lastIndexOf('/') + 1), body),
                method + " " + path + " " + status + ": " + body);
    }

    /** Asserts that a request (its body, query and path id) is one the document describes. */
    public void assertRequest(String path, String method, JsonNode query, String id, JsonNode body) {
        JsonNode operation = operation(path, method);
        List<String> broken = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            JsonNode parameter = resolve(p);
            String in = parameter.path("in").asText();
            String name = parameter.path("name").asText();
            JsonNode value = switch (in) {
                case "query" -> query == null ? null : query.get(name);
                case "path" -> json.getNodeFactory().textNode(id);
                default -> null;
            };
            if (value == null || value.isNull()) {
                continue;
            }
            if (parameter.path("schema").path("type").asText().equals("integer") && value.isTextual()) {
                value = json.getNodeFactory().numberNode(Long.parseLong(value.asText()));
            }
            for (ValidationMessage m : inline(parameter.path("schema")).validate(value)) {
                broken.add(name + ": " + m.getMessage());
            }
        }
        if (body != null) {
            String ref = operation
                    .path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("schema")
                    .path("$ref")
                    .asText();
            broken.addAll(violations(ref.substring(ref.lastIndexOf('/') + 1), body));
        }
        assertEquals(List.of(), broken, method + " " + path);
    }

    /** The operations of the document, as "METHOD /path". */
    public List<String> routes() {
        List<String> routes = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(p -> p.getValue()
                        .fieldNames()
                        .forEachRemaining(m -> routes.add(m.toUpperCase() + " " + p.getKey())));
        return routes;
    }

    private JsonNode operation(String path, String method) {
        JsonNode operation = document.path("paths").path(path).path(method.toLowerCase());
        assertNotNull(operation.isMissingNode() ? null : operation, method + " " + path + " is not in the document");
        return operation;
    }

    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            return document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private JsonSchema inline(JsonNode schema) {
        if (schema.has("$ref")) {
            return factory.getSchema(SchemaLocation.of(BASE + schema.get("$ref").asText()), config);
        }
        return factory.getSchema(schema, config);
    }
}
