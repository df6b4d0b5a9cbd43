package org.openconnector.mapping.engine;

/**
 * Rewrites the Twig syntax Pebble does not accept into its Pebble equivalent before parsing. Today: numeric
 * attribute access ({@code items.0.name}, common in OpenConnector templates) becomes a subscript
 * ({@code items[0].name}). Only code inside {@code {{ }}} and {@code {% %}} is touched, never text or quoted strings.
 */
final class TwigSyntax {

    private TwigSyntax() {
    }

    static String toPebble(String source) {
        StringBuilder out = new StringBuilder(source.length() + 8);
        int i = 0;
        while (i < source.length()) {
            int open = nextOpen(source, i);
            if (open < 0) {
                out.append(source, i, source.length());
                break;
            }
            String close = source.charAt(open + 1) == '{' ? "}}" : "%}";
            int end = source.indexOf(close, open + 2);
            if (end < 0) {
                out.append(source, i, source.length());
                break;
            }
            out.append(source, i, open + 2);
            rewrite(source.substring(open + 2, end), out);
            out.append(close);
            i = end + 2;
        }
        return out.toString();
    }

    private static int nextOpen(String s, int from) {
        int print = s.indexOf("{{", from);
        int tag = s.indexOf("{%", from);
        return print < 0 ? tag : tag < 0 ? print : Math.min(print, tag);
    }

    /** {@code name.12} → {@code name[12]} outside quotes, when the dot follows a name or a closing bracket. */
    private static void rewrite(String code, StringBuilder out) {
        char quote = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < code.length()) {
                    out.append(code.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
                continue;
            }
            int digits = i + 1;
            while (c == '.' && digits < code.length() && Character.isDigit(code.charAt(digits))) {
                digits++;
            }
            boolean afterName = i > 0 && (Character.isLetter(code.charAt(i - 1)) || code.charAt(i - 1) == '_' || code.charAt(i - 1) == ']');
            boolean wholeNumber = digits > i + 1 && (digits == code.length() || !Character.isLetterOrDigit(code.charAt(digits)));
            if (c == '.' && afterName && wholeNumber) {
                out.append('[').append(code, i + 1, digits).append(']');
                i = digits - 1;
            } else {
                out.append(c);
            }
        }
    }
}
