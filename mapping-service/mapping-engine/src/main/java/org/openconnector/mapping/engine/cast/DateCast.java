package org.openconnector.mapping.engine.cast;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

/**
 * {@code date} and {@code date:<pattern>}: parses the value as a date and formats it. This deliberately fixes
 * OpenConnector, whose {@code date} ignored the value and printed the current time in a PHP format.
 * <ul>
 *   <li>Accepted input: ISO 8601 date-time with offset or zone, local date-time, date; RFC 1123; "yyyy-MM-dd HH:mm:ss";
 *       a number or digit string as Unix seconds (UTC). null stays null; anything else is an error naming the key.</li>
 *   <li>Output without pattern: ISO 8601 in the precision and zone of the input
 *       ({@code 2024-05-01}, {@code 2024-05-01T10:00:00}, {@code 2024-05-01T10:00:00+02:00}).</li>
 *   <li>The pattern is a Java {@link DateTimeFormatter} pattern, not a PHP date() format: PHP's {@code Y-m-d}
 *       is {@code yyyy-MM-dd} here. A pattern that needs a field the value lacks (a zone for a local time,
 *       a time for a bare date) is an error. Since a cast string is split on ',', a pattern containing a comma
 *       must be given in the list form of {@code cast} ({@code ["date:EEE, d MMM yyyy"]}).</li>
 * </ul>
 */
final class DateCast implements Cast {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]", Locale.ROOT);
    private static final List<DateTimeFormatter> INPUTS = List.of(
            DateTimeFormatter.ISO_DATE_TIME, DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.RFC_1123_DATE_TIME, SQL);

    @Override
    public String type() {
        return "date";
    }

    @Override
    public String separator() {
        return ":";
    }

    @Override
    public Step prepare(String argument) {
        DateTimeFormatter pattern;
        try {
            pattern = argument == null ? null : DateTimeFormatter.ofPattern(argument, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid date pattern '" + argument + "': " + e.getMessage());
        }
        return (value, key, output) -> {
            if (value.isNull()) {
                return value;
            }
            TemporalAccessor parsed = parse(value);
            DateTimeFormatter out = pattern != null ? pattern : isoFor(parsed);
            try {
                return F.stringNode(out.format(parsed));
            } catch (DateTimeException e) {
                throw new IllegalStateException("cannot format '" + value.asString() + "' with pattern '" + argument + "': " + e.getMessage());
            }
        };
    }

    static TemporalAccessor parse(JsonNode value) {
        if (value.isNumber() || value.isString() && value.stringValue().matches("-?\\d{1,12}")) {
            return Instant.ofEpochSecond(value.asLong()).atOffset(ZoneOffset.UTC);
        }
        if (!value.isString()) {
            throw new IllegalStateException("expected a date text or Unix seconds, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String text = value.stringValue().trim();
        for (DateTimeFormatter f : INPUTS) {
            try {
                return f.parseBest(text, java.time.ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
            } catch (DateTimeParseException e) {
                // try the next accepted form
            }
        }
        throw new IllegalStateException("'" + text + "' is not a date (ISO 8601, RFC 1123, 'yyyy-MM-dd HH:mm:ss' or Unix seconds)");
    }

    private static DateTimeFormatter isoFor(TemporalAccessor parsed) {
        if (parsed instanceof LocalDate) {
            return DateTimeFormatter.ISO_LOCAL_DATE;
        }
        if (parsed instanceof LocalDateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME;
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    }
}
