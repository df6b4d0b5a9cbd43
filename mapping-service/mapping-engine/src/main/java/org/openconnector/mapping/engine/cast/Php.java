package org.openconnector.mapping.engine.cast;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PHP 8 conversion rules the casts follow, on Jackson values. Objects and lists are PHP arrays.
 * Where PHP would emit "Array" (string of an array) we write JSON text instead, which is what a mapping author wants.
 */
public final class Php {

    private static final JsonMapper JSON = JsonMapper.shared();
    /** PHP's leading-numeric prefix: optional whitespace, sign, digits, fraction, exponent. */
    private static final Pattern NUMERIC_PREFIX = Pattern.compile("^[ \\t\\n\\r\\v\\f]*([+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?)");
    private static final Pattern NUMERIC = Pattern.compile("^[ \\t\\n\\r\\v\\f]*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?[ \\t\\n\\r\\v\\f]*$");

    private Php() {
    }

    /** (string) value: null → "", true → "1", false → "", 1.0 → "1", containers → JSON text. */
    public static String string(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "1" : "";
        }
        if (v.isFloatingPointNumber()) {
            return number(v.doubleValue());
        }
        if (v.isNumber()) {
            return v.numberValue().toString();
        }
        return JSON.writeValueAsString(v);
    }

    /** PHP's float-to-string: integral values without ".0", otherwise the shortest representation. */
    static String number(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /** (int) value: "12abc" → 12, "abc" → 0, 3.9 → 3, true → 1, null → 0, [] → 0, non-empty array → 1. */
    public static long integer(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return 0;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return truncate(v.doubleValue());
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? 1 : 0;
        }
        if (v.isContainer()) {
            return v.isEmpty() ? 0 : 1;
        }
        return truncate(floatOf(v.asString()));
    }

    /** (float) value, with the same leading-numeric rule for strings. */
    public static double floating(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return 0;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? 1 : 0;
        }
        if (v.isContainer()) {
            return v.isEmpty() ? 0 : 1;
        }
        return floatOf(v.asString());
    }

    static double floatOf(String s) {
        Matcher m = NUMERIC_PREFIX.matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static long truncate(double d) {
        if (Double.isNaN(d)) {
            return 0;
        }
        return (long) d; // saturates at Long.MIN/MAX_VALUE where PHP's result is undefined
    }

    /** An integer node of the smallest fitting kind, so results equal parsed JSON ({@code 25} is an int node). */
    public static JsonNode intNode(long value) {
        var f = tools.jackson.databind.node.JsonNodeFactory.instance;
        return value == (int) value ? f.numberNode((int) value) : f.numberNode(value);
    }

    static boolean isNumeric(String s) {
        return NUMERIC.matcher(s).matches();
    }

    /** PHP empty(): null, "", "0", 0, 0.0, false, empty array. */
    public static boolean empty(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return true;
        }
        if (v.isString()) {
            return v.stringValue().isEmpty() || v.stringValue().equals("0");
        }
        if (v.isBoolean()) {
            return !v.booleanValue();
        }
        if (v.isNumber()) {
            return v.doubleValue() == 0;
        }
        return v.isEmpty();
    }

    /** PHP 8 loose comparison {@code value == text} where text is a string. */
    public static boolean looseEquals(JsonNode v, String text) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return text.isEmpty();
        }
        if (v.isBoolean()) {
            return v.booleanValue() == !(text.isEmpty() || text.equals("0"));
        }
        if (v.isNumber()) {
            return isNumeric(text) ? v.doubleValue() == Double.parseDouble(text.trim()) : string(v).equals(text);
        }
        if (v.isString()) {
            String s = v.stringValue();
            if (isNumeric(s) && isNumeric(text)) {
                return Double.parseDouble(s.trim()) == Double.parseDouble(text.trim());
            }
            return s.equals(text);
        }
        return false;
    }
}
