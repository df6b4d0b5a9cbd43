package org.openconnector.connector.call.auth;

import org.openconnector.common.error.ApiException;
import org.openconnector.connector.call.OutboundRequest;
import org.openconnector.connector.call.ResolvedSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/** The schemes that need no network and no signing: none, apikey, username-password, jwt, and the refused ones. */
@Configuration(proxyBeanMethods = false)
class SimpleAuths {

    @Bean
    SourceAuth noneAuth() {
        return scheme("none", (s, r) -> r);
    }

    /** The key from {@code apikey} (or {@code authenticationConfig.apikey}), raw unless {@code authenticationConfig.prefix} says otherwise. */
    @Bean
    SourceAuth apikeyAuth() {
        return scheme("apikey", (s, r) -> CredentialPlacement.place(s, r,
                s.apikey() != null ? s.apikey() : s.authText("apikey", null), "", "apikey"));
    }

    /** HTTP Basic from {@code username}/{@code password}; as two fields for form_params/json/query. */
    @Bean
    SourceAuth usernamePasswordAuth() {
        return scheme("username-password", (s, r) -> {
            if (s.username() == null || s.password() == null) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "missing-credential",
                        "Source " + s.id() + " uses username-password but lacks a username or password");
            }
            r.secret(s.password());
            switch (s.passthrough()) {
                case "query" -> {
                    r.query().set("username", s.username());
                    r.query().set("password", s.password());
                }
                case "form_params" -> {
                    r.form().set("username", s.username());
                    r.form().set("password", s.password());
                }
                default -> r.headers().set(HttpHeaders.AUTHORIZATION, r.secret(CredentialPlacement.basic(s.username(), s.password())));
            }
            return r;
        });
    }

    /** A stored bearer token ({@code jwt}). */
    @Bean
    SourceAuth jwtAuth() {
        return scheme("jwt", (s, r) -> CredentialPlacement.place(s, r, s.jwt(), "Bearer ", "access_token"));
    }

    @Bean
    SourceAuth vrijbrpJwtAuth() {
        return unsupported("vrijbrp-jwt");
    }

    @Bean
    SourceAuth pinkJwtAuth() {
        return unsupported("pink-jwt");
    }

    /** Refuses loudly rather than sending an unauthenticated request. */
    private static SourceAuth unsupported(String type) {
        return scheme(type, (s, r) -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "auth-not-supported",
                    "Authentication '" + type + "' is not supported yet; use jwt-HS256 or jwt with a stored token");
        });
    }

    private interface Step {
        OutboundRequest apply(ResolvedSource source, OutboundRequest request);
    }

    private static SourceAuth scheme(String type, Step step) {
        return new SourceAuth() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public Mono<OutboundRequest> apply(ResolvedSource source, OutboundRequest request) {
                return Mono.fromCallable(() -> step.apply(source, request));
            }
        };
    }
}
