package io.imagineflow.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job requests the README shows are requests the product takes, one of each of the seven operations. */
class ReadmeExamplesTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    private final JobRequestReader reader =
            new JobRequestReader(TestConfig.defaults(), TestConfig.testProfileDelivery(), TestConfig.webhooks());
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyJobRequestOfTheReadmeIsValidAndTheSevenOperationsAreShown() throws IOException {
        List<JsonNode> requests = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(Files.readString(Path.of("README.md")));
        while (block.find()) {
            try (MappingIterator<JsonNode> values =
                    json.readerFor(JsonNode.class).readValues(block.group(1))) {
                values.forEachRemaining(requests::add);
            }
        }

        Set<String> operations = new TreeSet<>();
        for (JsonNode request : requests) {
            operations.add(reader.read(request, "").operation().id());
        }
        assertTrue(requests.size() >= 7, requests.size() + " requests");
        Set<String> all = new TreeSet<>();
        for (Operation operation : Operation.values()) {
            all.add(operation.id());
        }
        assertEquals(all, operations);
    }
}
