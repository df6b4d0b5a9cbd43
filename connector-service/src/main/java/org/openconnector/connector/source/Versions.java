package org.openconnector.connector.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenConnector's version rule: an update that sends no version bumps the patch number. */
final class Versions {

    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private Versions() {
    }

    /** {@code 0.0.3} becomes {@code 0.0.4}; a missing version becomes {@code 0.0.1}; others stay. */
    static String bumpPatch(String version) {
        if (version == null || version.isBlank()) {
            return "0.0.1";
        }
        Matcher m = SEMVER.matcher(version.trim());
        if (!m.matches()) {
            return version;
        }
        return m.group(1) + "." + m.group(2) + "." + new java.math.BigInteger(m.group(3)).add(java.math.BigInteger.ONE);
    }
}
