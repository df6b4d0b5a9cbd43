package org.openconnector.mapping.engine.cast;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * Dutch-style money and coordinate strings: moneyStringToInt ("1.234,56" → 123456: drop '.' and ',' then (int)),
 * intToMoneyString (123456 → "1.234,56": value/100 with 2 decimals, ',' decimal and '.' thousands, half-up like
 * PHP's number_format) and coordinateStringToArray (split on spaces into pairs of strings; one pair is returned bare).
 */
final class MoneyCasts {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private MoneyCasts() {
    }

    static List<Cast> all() {
        return List.of(
                Cast.simple("moneyStringToInt", v -> Php.intNode(Php.integer(
                        F.stringNode(Php.string(v).replace(".", "").replace(",", ""))))),
                Cast.simple("intToMoneyString", v -> F.stringNode(money(Php.floating(v)))),
                Cast.simple("coordinateStringToArray", MoneyCasts::coordinates));
    }

    static String money(double cents) {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setDecimalSeparator(',');
        symbols.setGroupingSeparator('.');
        DecimalFormat format = new DecimalFormat("#,##0.00", symbols);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(BigDecimal.valueOf(cents).movePointLeft(2));
    }

    static JsonNode coordinates(JsonNode v) {
        String[] parts = Php.string(v).split(" ", -1);
        ArrayNode pairs = F.arrayNode();
        for (int i = 0; i < parts.length; i += 2) {
            ArrayNode pair = pairs.addArray().add(parts[i]);
            if (i + 1 < parts.length) {
                pair.add(parts[i + 1]);
            }
        }
        return pairs.size() == 1 ? pairs.get(0) : pairs;
    }
}
