package org.openconnector.connector.call.auth;

import org.openconnector.common.error.ApiException;
import org.openconnector.common.net.DestinationPolicy;
import org.openconnector.connector.call.CallProperties;
import org.openconnector.connector.call.OutboundRequest;
import org.openconnector.connector.call.ResolvedSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth 2.0 client credentials and password grants against {@code authenticationConfig.tokenUrl}.
 * Client credentials go in the form body ({@code authentication: "body"}, default) or as HTTP Basic
 * ({@code "basic_auth"}). The token ({@code tokenLocation}, default {@code access_token}) is cached
 * per source until 30 s before {@code expires_in} (300 s when absent); one request at a time
 * fetches it, and a changed configuration fetches a new one.
 */
@Component
class OAuthAuth implements SourceAuth {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private record Cached(int fingerprint, Mono<String> token) {
    }

    private record Token(String value, Duration ttl) {
    }

    private final WebClient http;
    private final DestinationPolicy policy;
    private final CallProperties props;
    private final JsonMapper json;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    OAuthAuth(WebClient sourceWebClient, DestinationPolicy policy, CallProperties props, JsonMapper json) {
        this.http = sourceWebClient;
        this.policy = policy;
        this.props = props;
        this.json = json;
    }

    @Override
    public String type() {
        return "oauth";
    }

    @Override
    public boolean refreshable() {
        return true;
    }

    @Override
    public Mono<OutboundRequest> apply(ResolvedSource source, OutboundRequest request) {
        int fingerprint = Objects.hash(source.authConfig().toString(), source.username(), source.password());
        Cached cached = cache.compute(source.id(), (id, old) -> old != null && old.fingerprint() == fingerprint ? old
                : new Cached(fingerprint, fetch(source).cache(t -> t.ttl(), e -> Duration.ZERO, () -> Duration.ZERO).map(Token::value)));
        return cached.token().map(token -> CredentialPlacement.place(source, request, token, "Bearer ", "access_token"));
    }

    @Override
    public void invalidate(ResolvedSource source) {
        cache.remove(source.id());
    }

    private Mono<Token> fetch(ResolvedSource s) {
        String tokenUrl = s.authText("tokenUrl", null);
        String grant = s.authText("grant_type", "client_credentials");
        if (tokenUrl == null) {
            return Mono.error(config(s, "authenticationConfig.tokenUrl is required for oauth"));
        }
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", grant);
        if (s.authText("scope", null) != null) {
            form.add("scope", s.authText("scope", null));
        }
        if (grant.equals("password")) {
            String user = s.authText("username", s.username());
            String password = s.authText("password", s.password());
            if (user == null || password == null) {
                return Mono.error(config(s, "the password grant needs a username and password"));
            }
            form.add("username", user);
            form.add("password", password);
        } else if (!grant.equals("client_credentials")) {
            return Mono.error(config(s, "grant_type must be client_credentials or password (got '" + grant + "')"));
        }
        String clientId = s.authText("client_id", null);
        String clientSecret = s.authText("client_secret", "");
        HttpHeaders headers = new HttpHeaders();
        if ("basic_auth".equals(s.authText("authentication", "body"))) {
            headers.set(HttpHeaders.AUTHORIZATION, CredentialPlacement.basic(clientId, clientSecret));
        } else if (clientId != null) {
            form.add("client_id", clientId);
            form.add("client_secret", clientSecret);
        }
        String location = s.authText("tokenLocation", "access_token");
        return Mono.fromCallable(() -> URI.create(tokenUrl)).onErrorMap(IllegalArgumentException.class, e -> config(s, "tokenUrl is not a URL"))
                .flatMap(policy::check)
                .flatMap(uri -> http.post().uri(uri).headers(h -> h.addAll(headers)).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .accept(MediaType.APPLICATION_JSON).body(BodyInserters.fromFormData(form))
                        .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
                            if (!r.statusCode().is2xxSuccessful()) {
                                throw new ApiException(HttpStatus.BAD_GATEWAY, "token-failed",
                                        "The token endpoint of source " + s.id() + " answered " + r.statusCode().value());
                            }
                            JsonNode answer = readJson(body, s);
                            JsonNode token = answer.get(location);
                            if (token == null || !token.isString()) {
                                throw new ApiException(HttpStatus.BAD_GATEWAY, "token-failed",
                                        "The token endpoint of source " + s.id() + " sent no '" + location + "'");
                            }
                            long expiresIn = answer.path("expires_in").asLong(300);
                            Duration ttl = Duration.ofSeconds(expiresIn).minus(SKEW);
                            return new Token(token.asString(), ttl.isNegative() ? Duration.ZERO : ttl);
                        })))
                .timeout(props.connectTimeout().plus(props.responseTimeout()));
    }

    private JsonNode readJson(String body, ResolvedSource s) {
        try {
            return json.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "token-failed", "The token endpoint of source " + s.id() + " sent no JSON");
        }
    }

    private static ApiException config(ResolvedSource s, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "oauth-config", "Source " + s.id() + ": " + detail);
    }
}
