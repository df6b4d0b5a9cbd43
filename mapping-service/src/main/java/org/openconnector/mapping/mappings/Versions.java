package org.openconnector.mapping.mappings;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenConnector's version rule: a new record gets 0.0.1; an update that sends no (new) version bumps the patch. */
final class Versions {

    private static final Pattern SEMVER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private Versions() {
    }

    static String bumpPatch(String version) {
        if (version == null || version.isBlank()) {
            return "0.0.1";
        }
        Matcher m = SEMVER.matcher(version.trim());
        return m.matches() ? m.group(1) + "." + m.group(2) + "." + new BigInteger(m.group(3)).add(BigInteger.ONE) : version;
    }

    /** The version to store on update: the client's when it sent a different one, else the old one bumped. */
    static String onUpdate(String sent, String old) {
        return sent == null || sent.equals(old) ? bumpPatch(old) : sent;
    }
}
