package io.imagineflow.floor;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;

/** The floor: a Funqy function that answers with its input, as JSON in and JSON out like the product's. */
public class Echo {

    @Funq
    public JsonNode echo(JsonNode input) {
        return input;
    }
}
