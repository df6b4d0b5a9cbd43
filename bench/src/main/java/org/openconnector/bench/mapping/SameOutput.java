package org.openconnector.bench.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Comparator;

/** Fails the benchmark setup unless all engines produced the same JSON (numbers compared by value: 41 == 41.0). */
final class SameOutput {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) ->
            a.isNumber() && b.isNumber() ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;

    private SameOutput() {
    }

    static void check(int input, ObjectMapper json, String engine, String jslt, String jsonata) throws Exception {
        JsonNode reference = json.readTree(engine);
        for (String[] other : new String[][]{{"JSLT", jslt}, {"JSONata", jsonata}}) {
            if (!reference.equals(NUMBERS_BY_VALUE, json.readTree(other[1]))) {
                throw new IllegalStateException("input " + input + ": " + other[0] + " differs from the engine\n engine: "
                        + engine + "\n " + other[0] + ": " + other[1]);
            }
        }
    }
}
