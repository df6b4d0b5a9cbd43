package org.openconnector.mapping.engine;

import java.util.Locale;

/** OpenConnector's {@code slugify}: lowercase, spaces and underscores to '-', only [a-z0-9-], no repeated or edge '-'. */
final class Slug {

    private Slug() {
    }

    static String of(String text) {
        String s = text.toLowerCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        s = s.replaceAll("[^a-z0-9-]", "").replaceAll("-+", "-");
        return s.replaceAll("^-|-$", "");
    }
}
