package org.openconnector.connector.call;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * One request as it will go out, built up by the engine and the auth scheme. Mutable on purpose
 * and confined to one call. {@code sensitive} collects every credential value placed into it, so
 * logs and test answers can redact them wherever they appear.
 */
public final class OutboundRequest {

    private HttpMethod method;
    private String url;
    private final MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
    private final HttpHeaders headers = new HttpHeaders();
    private final MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    private JsonNode json;
    private String text;
    private final Set<String> sensitive = new HashSet<>();

    public OutboundRequest(HttpMethod method, String url) {
        this.method = method;
        this.url = url;
    }

    /**
     * The URL with the query appended (values form-encoded; the base URL is taken as given). A
     * parameter the URL already has wins, so following a next link does not send page twice.
     */
    public String fullUrl() {
        int q = url.indexOf('?');
        java.util.Set<String> present = new HashSet<>();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                present.add(java.net.URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8));
            }
        }
        StringBuilder out = new StringBuilder(url);
        char sep = q >= 0 ? '&' : '?';
        for (var e : query.entrySet()) {
            if (present.contains(e.getKey())) {
                continue;
            }
            for (String v : e.getValue()) {
                out.append(sep).append(enc(e.getKey())).append('=').append(enc(v));
                sep = '&';
            }
        }
        return out.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Registers a credential value for redaction and returns it. */
    public String secret(String value) {
        if (value != null && !value.isEmpty()) {
            sensitive.add(value);
        }
        return value;
    }

    public HttpMethod method() {
        return method;
    }

    public void method(HttpMethod method) {
        this.method = method;
    }

    public String url() {
        return url;
    }

    public void url(String url) {
        this.url = url;
    }

    public MultiValueMap<String, String> query() {
        return query;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public MultiValueMap<String, String> form() {
        return form;
    }

    public JsonNode json() {
        return json;
    }

    public void json(JsonNode json) {
        this.json = json;
    }

    public String text() {
        return text;
    }

    public void text(String text) {
        this.text = text;
    }

    public Set<String> sensitive() {
        return sensitive;
    }
}
