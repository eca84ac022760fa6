package io.imagineflow.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON to DynamoDB attributes and back, so that a record is stored with native types (strings, numbers, lists,
 * maps) that the console and queries can read, and comes back as the same JSON. Nulls are left out.
 */
final class ItemJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ItemJson() {}

    static Map<String, AttributeValue> toItem(ObjectNode object) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> {
            AttributeValue value = toAttribute(e.getValue());
            if (value != null) {
                item.put(e.getKey(), value);
            }
        });
        return item;
    }

    static AttributeValue toAttribute(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return AttributeValue.fromS(node.textValue());
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.decimalValue().toPlainString());
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.booleanValue());
        }
        if (node.isArray()) {
            List<AttributeValue> list = new ArrayList<>();
            node.forEach(child -> {
                AttributeValue value = toAttribute(child);
                if (value != null) {
                    list.add(value);
                }
            });
            return AttributeValue.fromL(list);
        }
        return AttributeValue.fromM(toItem((ObjectNode) node));
    }

    static ObjectNode toJson(Map<String, AttributeValue> item) {
        ObjectNode object = NODES.objectNode();
        item.forEach((name, value) -> object.set(name, toJson(value)));
        return object;
    }

    private static JsonNode toJson(AttributeValue value) {
        if (value.s() != null) {
            return NODES.textNode(value.s());
        }
        if (value.n() != null) {
            BigDecimal number = new BigDecimal(value.n());
            return number.scale() <= 0 ? NODES.numberNode(number.longValueExact()) : NODES.numberNode(number);
        }
        if (value.bool() != null) {
            return NODES.booleanNode(value.bool());
        }
        if (value.hasL()) {
            ArrayNode array = NODES.arrayNode();
            value.l().forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value.hasM()) {
            return toJson(value.m());
        }
        return NODES.nullNode();
    }
}
