package org.openconnector.connector.call.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openconnector.common.error.ApiException;
import org.openconnector.connector.call.OutboundRequest;
import org.openconnector.connector.call.ResolvedSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/**
 * Mints a short-lived HS256 JWT per call (ZGW style): claims from {@code authenticationConfig.claims}
 * (or {@code payload}), {@code iss} and {@code client_id} defaulting to {@code jwtId}, {@code iat}
 * now and {@code exp} after {@code authenticationConfig.ttl} seconds (300), signed with {@code secret}
 * (at least 32 bytes, as HS256 requires). Sent as a bearer token.
 */
@Component
class JwtHs256Auth implements SourceAuth {

    @Override
    public String type() {
        return "jwt-HS256";
    }

    @Override
    public Mono<OutboundRequest> apply(ResolvedSource source, OutboundRequest request) {
        return Mono.fromCallable(() -> CredentialPlacement.place(source, request, mint(source), "Bearer ", "access_token"));
    }

    static String mint(ResolvedSource source) {
        if (source.secret() == null) {
            throw problem("Source " + source.id() + " uses jwt-HS256 but has no secret");
        }
        Instant now = Instant.now();
        long ttl = source.authConfig().path("ttl").asLong(300);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        JsonNode given = source.authConfig().has("claims") ? source.authConfig().get("claims") : source.authConfig().get("payload");
        if (given != null && given.isObject()) {
            given.properties().forEach(e -> claims.claim(e.getKey(), plain(e.getValue())));
        }
        JWTClaimsSet built = claims.build();
        if (source.jwtId() != null) {
            if (built.getIssuer() == null) {
                claims.issuer(source.jwtId());
            }
            if (built.getClaim("client_id") == null) {
                claims.claim("client_id", source.jwtId());
            }
        }
        claims.issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(ttl)));
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(source.secret().getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw problem("Could not sign the jwt-HS256 token: " + e.getMessage());
        }
    }

    private static Object plain(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isContainer() ? v.toString() : v.asString();
    }

    private static ApiException problem(String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "jwt-config", detail);
    }
}
