package org.openconnector.connector.source;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every writable field of OpenConnector's Source schema (seed 000), in the schema's order, with its
 * JSON name, column, kind and whether it is a secret. One table drives validation, storage and the
 * read view, so a field cannot be forgotten in one of them. {@code id}, {@code uuid},
 * {@code created} and {@code updated} are the server's and are handled apart.
 */
public enum SourceField {
    NAME("name", Kind.STRING),
    DESCRIPTION("description", Kind.STRING),
    REFERENCE("reference", Kind.STRING),
    VERSION("version", Kind.STRING),
    LOCATION("location", Kind.STRING),
    IS_ENABLED("isEnabled", "is_enabled", Kind.BOOLEAN, false),
    TYPE("type", Kind.ENUM, "json", "xml", "soap", "ftp", "sftp", "api", "database", "file"),
    AUTHORIZATION_HEADER("authorizationHeader", "authorization_header", Kind.STRING, true),
    AUTH("auth", Kind.ENUM, "apikey", "jwt", "username-password", "none", "jwt-HS256", "vrijbrp-jwt", "pink-jwt", "oauth"),
    AUTHENTICATION_CONFIG("authenticationConfig", "authentication_config", Kind.OBJECT, false),
    AUTHORIZATION_PASSTHROUGH_METHOD("authorizationPassthroughMethod", "authorization_passthrough_method", Kind.ENUM, false,
            "header", "query", "form_params", "json", "base_auth"),
    LOCALE("locale", Kind.STRING),
    ACCEPT("accept", Kind.STRING),
    JWT("jwt", "jwt", Kind.STRING, true),
    JWT_ID("jwtId", "jwt_id", Kind.STRING, false),
    SECRET("secret", "secret", Kind.STRING, true),
    USERNAME("username", Kind.STRING),
    PASSWORD("password", "password", Kind.STRING, true),
    APIKEY("apikey", "apikey", Kind.STRING, true),
    DOCUMENTATION("documentation", Kind.STRING),
    LOGGING_CONFIG("loggingConfig", "logging_config", Kind.OBJECT, false),
    OAS("oas", "oas", Kind.OBJECT_ARRAY, false),
    PATHS("paths", "paths", Kind.OBJECT_ARRAY, false),
    HEADERS("headers", "headers", Kind.OBJECT_ARRAY, false),
    TRANSLATION_CONFIG("translationConfig", "translation_config", Kind.OBJECT_ARRAY, false),
    CONFIGURATION("configuration", "configuration", Kind.OBJECT, false),
    ENDPOINTS_CONFIG("endpointsConfig", "endpoints_config", Kind.OBJECT, false);

    /** How a field is checked on input and stored. */
    public enum Kind { STRING, BOOLEAN, ENUM, OBJECT, OBJECT_ARRAY }

    private static final Map<String, SourceField> BY_JSON = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(f -> f.json, Function.identity()));

    private final String json;
    private final String column;
    private final Kind kind;
    private final boolean secret;
    private final Set<String> allowed;

    SourceField(String json, Kind kind, String... allowed) {
        this(json, json, kind, false, allowed);
    }

    SourceField(String json, String column, Kind kind, boolean secret, String... allowed) {
        this.json = json;
        this.column = column;
        this.kind = kind;
        this.secret = secret;
        this.allowed = new LinkedHashSet<>(List.of(allowed));
    }

    public static SourceField byJson(String name) {
        return BY_JSON.get(name);
    }

    public String json() {
        return json;
    }

    public String column() {
        return column;
    }

    public Kind kind() {
        return kind;
    }

    /** A top-level secret: encrypted at rest, masked on read, kept when an update omits it. */
    public boolean secret() {
        return secret;
    }

    /** Allowed values of an {@link Kind#ENUM} field, in the schema's order. */
    public Set<String> allowed() {
        return allowed;
    }

    public boolean jsonb() {
        return kind == Kind.OBJECT || kind == Kind.OBJECT_ARRAY;
    }
}
