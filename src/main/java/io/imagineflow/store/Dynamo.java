package io.imagineflow.store;

import io.imagineflow.aws.AwsErrors;
import io.imagineflow.job.JobUnavailable;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Helpers shared by the DynamoDB stores: error mapping and update expressions over any attribute name. */
final class Dynamo {

    private Dynamo() {
    }

    /**
     * Runs a DynamoDB call. A failed condition is the caller's business; throttling, server errors and lost
     * connections become {@link JobUnavailable} (safe to retry: the SDK already retried, nothing was paid).
     */
    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (DynamoDbException e) {
            if (AwsErrors.transientFailure(e)) {
                throw new JobUnavailable("DynamoDB could not " + what + " (" + e.statusCode() + ")", e);
            }
            // Missing table, access denied: a deployment fault. Named plainly; retrying will not help.
            throw new IllegalStateException("DynamoDB refused to " + what + ": "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()), e);
        } catch (SdkClientException e) {
            throw new JobUnavailable("DynamoDB could not be reached to " + what, e);
        } catch (SdkException e) {
            throw new JobUnavailable("DynamoDB failed to " + what, e);
        }
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

        String name(String attribute) {
            String alias = "#" + attribute;
            names.put(alias, attribute);
            return alias;
        }

        String value(String placeholder, AttributeValue value) {
            values.put(":" + placeholder, value);
            return ":" + placeholder;
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
            set.append(set.length() == 0 ? "SET " : ", ").append(n).append(" = ")
                    .append(ifAbsent ? "if_not_exists(" + n + ", " + v + ")" : v);
            return this;
        }
    }
}
