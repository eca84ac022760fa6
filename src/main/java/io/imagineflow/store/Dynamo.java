package io.imagineflow.store;

import io.imagineflow.aws.AwsErrors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Helpers shared by the DynamoDB stores: error mapping and update expressions over any attribute name. */
final class Dynamo {

    private Dynamo() {}

    /** Runs a DynamoDB call; a failed condition is the caller's business (see {@link AwsErrors#call}). */
    static <T> T call(String what, Supplier<T> call) {
        return AwsErrors.call("DynamoDB", what, call, ConditionalCheckFailedException.class);
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    /** An update expression built from named parts, with every attribute name aliased (many are reserved words). */
    static final class Update {
        private final StringBuilder set = new StringBuilder();
        private final StringBuilder remove = new StringBuilder();
        final Map<String, String> names = new LinkedHashMap<>();
        final Map<String, AttributeValue> values = new LinkedHashMap<>();

        Update set(String attribute, AttributeValue value) {
            return assign(attribute, value, false);
        }

        /** Keeps what is there: fields the claim wrote survive a finalize that does not know them. */
        Update setIfAbsent(String attribute, AttributeValue value) {
            return assign(attribute, value, true);
        }

        Update remove(String attribute) {
            remove.append(remove.length() == 0 ? "REMOVE " : ", ").append(name(attribute));
            return this;
        }

        /** The alias of an attribute, or of a nested one ({@code cancel.xaiAccepted}) part by part. */
        String name(String attribute) {
            StringBuilder path = new StringBuilder();
            for (String part : attribute.split("\\.")) {
                String alias = "#" + part;
                names.put(alias, part);
                path.append(path.length() == 0 ? "" : ".").append(alias);
            }
            return path.toString();
        }

        String value(String placeholder, AttributeValue value) {
            String name = ":" + placeholder.replace('.', '_');
            values.put(name, value);
            return name;
        }

        String expression() {
            return (set + " " + remove).strip();
        }

        private Update assign(String attribute, AttributeValue value, boolean ifAbsent) {
            if (value == null) {
                return this;
            }
            String n = name(attribute);
            String v = value(attribute, value);
            set.append(set.length() == 0 ? "SET " : ", ")
                    .append(n)
                    .append(" = ")
                    .append(ifAbsent ? "if_not_exists(" + n + ", " + v + ")" : v);
            return this;
        }
    }
}
