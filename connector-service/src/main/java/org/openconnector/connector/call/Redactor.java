package org.openconnector.connector.call;

import org.openconnector.connector.source.SecretKeys;
import org.openconnector.connector.source.SourceSecrets;
import org.springframework.http.HttpHeaders;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from what is logged or shown about a call: values of auth headers and of
 * secret-named query parameters, and every credential value the call used wherever it appears
 * (raw or URL-encoded) in URLs, headers and bodies.
 */
public final class Redactor {

    private static final Set<String> HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "api-key", "apikey");
    private static final Set<String> PARAMS = Set.of("key", "apikey", "api_key", "access_token", "token", "code",
            "sig", "signature", "password", "client_secret");
    private static final Pattern QUERY_PAIR = Pattern.compile("([?&])([^=&#]+)=([^&#]*)");

    private final List<String> values;

    public Redactor(Set<String> sensitive) {
        List<String> all = new ArrayList<>();
        for (String s : sensitive) {
            if (s.length() >= 3) {
                all.add(s);
                all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            }
        }
        all.sort((a, b) -> b.length() - a.length());
        this.values = all;
    }

    public String text(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String v : values) {
            out = out.replace(v, SourceSecrets.MASK);
        }
        return out;
    }

    public String url(String url) {
        Matcher m = QUERY_PAIR.matcher(url);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            boolean secret = PARAMS.contains(name.toLowerCase(Locale.ROOT)) || SecretKeys.isSecret(name);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + name + "=" + (secret ? SourceSecrets.MASK : m.group(3))));
        }
        m.appendTail(out);
        return text(out.toString());
    }

    public static boolean isSecretHeader(String name) {
        return HEADERS.contains(name.toLowerCase(Locale.ROOT)) || SecretKeys.isSecret(name);
    }

    public Map<String, List<String>> headers(HttpHeaders headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, list) -> {
            boolean secret = isSecretHeader(name);
            out.put(name, list.stream().map(v -> secret ? SourceSecrets.MASK : text(v)).toList());
        });
        return out;
    }
}
