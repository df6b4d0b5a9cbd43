package org.openconnector.mapping.engine.cast;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

/**
 * PHP 8 conversion rules the casts follow, on Jackson values. Objects and lists are PHP arrays.
 * Where PHP would emit "Array" (string of an array) we write JSON text instead, which is what a mapping author wants.
 */
public final class Php {

    private static final JsonMapper JSON = JsonMapper.shared();

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

    /** The value of the leading numeric prefix ({@code "12abc"} → 12, {@code " 1.5e3x"} → 1500), 0 when there is none. */
    static double floatOf(String s) {
        int end = numericPrefixEnd(s);
        if (end < 0) {
            return 0;
        }
        int start = 0;
        while (isSpace(s.charAt(start))) {
            start++;
        }
        String number = s.substring(start, end);
        // integers are the common case: skip the slower double parser for them
        return number.length() < 18 && allDigits(number) ? Long.parseLong(number) : Double.parseDouble(number);
    }

    /** End index of PHP's leading numeric prefix (whitespace, sign, digits, fraction, exponent), or -1 when absent. */
    static int numericPrefixEnd(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            int j = i + 1;
            int fraction = 0;
            while (j < n && isDigit(s.charAt(j))) {
                j++;
                fraction++;
            }
            if (digits + fraction > 0) {
                i = j;
                digits += fraction;
            }
        }
        if (digits == 0) {
            return -1;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int exponent = j;
            while (j < n && isDigit(s.charAt(j))) {
                j++;
            }
            if (j > exponent) {
                i = j;
            }
        }
        return i;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
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

    /** PHP is_numeric: the whole text (allowing surrounding whitespace) is a number. */
    static boolean isNumeric(String s) {
        int end = numericPrefixEnd(s);
        if (end < 0) {
            return false;
        }
        while (end < s.length() && isSpace(s.charAt(end))) {
            end++;
        }
        return end == s.length();
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
