package io.imagineflow.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagineflow.job.JobInvalid;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How every event is read, at the function's door and inside an envelope (an SQS body, an API Gateway body, a
 * CloudEvent's data). Two rules decide it:
 * <ul>
 * <li>A key twice in one object is refused: two readers of the same event (a user's tool and ours) must never
 * disagree on what was asked, and Jackson's default is last-wins.</li>
 * <li>Anything Step Functions can carry (256 KB) parses, however deep or long its numbers: the state machine's
 * failure path hands the refused event back to finalize inside a larger document, and a parser limit there
 * would leave the execution without a record. The product's own, much tighter rules ({@link EventShape}) are
 * checked on the tree, where they can name the field.</li>
 * </ul>
 */
@ApplicationScoped
public class EventJson {

    /** Step Functions' payload limit: no document of this many bytes nests deeper or has a longer number. */
    static final int CARRIED_BYTES = 262_144;

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final Pattern LOCATION = Pattern.compile("line: (\\d+), column: (\\d+)");
    /** Library names in parser messages (`StreamReadConstraints.getMaxNestingDepth()`, `int`...). */
    private static final Pattern LIBRARY_NAMES = Pattern.compile(
            "\\s*\\(from `[^`]*`\\)|,\\s*from `[^`]*`|`[^`]*`|\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)|\\[Source:[^\\]]*\\]");

    private final ObjectMapper mapper;

    EventJson(ObjectMapper json) {
        this.mapper = json.copy();
        configure(mapper.getFactory(), true);
    }

    /**
     * Makes {@code factory} read as events are read here; the functions' Lambda mapper is set up with it.
     * {@code refuseDuplicates} is false for finalize alone: on the failure path it is handed back an event that
     * submit refused (for a duplicate key, say) only to name its record, and refusing it again would leave the
     * execution without one.
     */
    public static void configure(JsonFactory factory, boolean refuseDuplicates) {
        factory.setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(CARRIED_BYTES)
                .maxNumberLength(CARRIED_BYTES)
                .maxNameLength(CARRIED_BYTES)
                .build());
        factory.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, refuseDuplicates);
        // Sub-quadratic parsing of a number with hundreds of thousands of digits (a hostile event's).
        factory.enable(JsonParser.Feature.USE_FAST_BIG_NUMBER_PARSER);
        factory.enable(JsonParser.Feature.USE_FAST_DOUBLE_PARSER);
    }

    /** The JSON text found at {@code field} of an event, read and checked against {@link EventShape}. */
    JsonNode parse(String text, String field) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw refused(field, e);
        }
        EventShape.check(node, field);
        return node;
    }

    /** A parser's refusal as a job's refusal: the field and the rule, in words and without library names. */
    public static JobInvalid refused(String field, JsonProcessingException e) {
        return refused(field, e.getClass().getName(), e.getMessage());
    }

    /** The same from an error's name and message alone (what the Lambda runtime loop reports). */
    public static JobInvalid refused(String field, String errorType, String message) {
        String first =
                message == null ? "" : message.lines().findFirst().orElse("").strip();
        String where = "";
        // The last location is the error's (an earlier one may be where the unclosed object began).
        Matcher at = LOCATION.matcher(message == null ? "" : message);
        while (at.find()) {
            where = " at line " + at.group(1) + ", column " + at.group(2);
        }
        Matcher duplicate = DUPLICATE.matcher(first);
        if (duplicate.find()) {
            return new JobInvalid(
                    field,
                    "has the key \"" + duplicate.group(1) + "\" twice in one object" + where
                            + ": a key may appear once");
        }
        String detail = LIBRARY_NAMES
                .matcher(first)
                .replaceAll("")
                .replaceAll("\\s+", " ")
                .strip();
        boolean syntax = errorType.startsWith(JsonParseException.class.getPackageName() + ".");
        String rule = syntax ? "is not valid JSON" : "does not have the expected shape";
        return new JobInvalid(field, rule + (detail.isEmpty() ? "" : " (" + detail + where + ")"));
    }
}
