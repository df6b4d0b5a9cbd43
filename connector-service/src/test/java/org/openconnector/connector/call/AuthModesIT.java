package org.openconnector.connector.call;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openconnector.connector.ConnectorIT;
import org.openconnector.connector.Loopback;
import org.openconnector.connector.Loopback.Reply;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every auth mode against a real loopback server, through {@code POST /api/v1/sources/{id}/test}. */
class AuthModesIT extends ConnectorIT {

    private static final Loopback server = new Loopback();

    @AfterAll
    static void stop() {
        server.close();
    }

    private String source(String path, String auth, String extra) {
        server.on(path, r -> Reply.json("{\"ok\":true}"));
        return createSource("""
                {"name": "auth %s", "type": "api", "location": "%s%s", "auth": "%s" %s}
                """.formatted(auth, server.url(), path, auth, extra)).get("id").asString();
    }

    private static String path() {
        return "/a-" + UUID.randomUUID();
    }

    @Test
    void noneSendsNoCredential() {
        String p = path();
        JsonNode answer = testCall(source(p, "none", ""), "{\"endpoint\":\"/x\"}", 200);
        assertThat(answer.at("/response/statusCode").asInt()).isEqualTo(200);
        assertThat(answer.at("/response/body").asString()).isEqualTo("{\"ok\":true}");
        assertThat(answer.at("/request/url").asString()).isEqualTo(server.url() + p + "/x");
        assertThat(server.received(p).get(0).header("Authorization")).isNull();
    }

    @Test
    void apikeyGoesInTheAuthorizationHeaderByDefault() {
        String p = path();
        JsonNode answer = testCall(source(p, "apikey", ", \"apikey\": \"k-SECRET-1\""), null, 200);
        assertThat(server.received(p).get(0).header("Authorization")).isEqualTo("k-SECRET-1");
        assertThat(answer.toString()).doesNotContain("k-SECRET-1");
    }

    @Test
    void apikeyInANamedHeaderWithPrefix() {
        String p = path();
        testCall(source(p, "apikey", ", \"apikey\": \"k2\", \"authenticationConfig\": {\"header\": \"X-Api-Key\", \"prefix\": \"Key \"}"), null, 200);
        assertThat(server.received(p).get(0).header("X-Api-Key")).isEqualTo("Key k2");
    }

    @Test
    void apikeyAsQueryParameter() {
        String p = path();
        JsonNode answer = testCall(source(p, "apikey", ", \"apikey\": \"k-SECRET-3\", \"authorizationPassthroughMethod\": \"query\","
                + " \"authenticationConfig\": {\"parameter\": \"api_key\"}"), "{\"query\": {\"q\": \"a b\"}}", 200);
        assertThat(server.received(p).get(0).uri()).contains("api_key=k-SECRET-3").contains("q=a+b");
        assertThat(answer.at("/request/url").asString()).contains("api_key=********").doesNotContain("k-SECRET-3");
    }

    @Test
    void apikeyAsFormParameterAndJsonField() {
        String p = path();
        testCall(source(p, "apikey", ", \"apikey\": \"k4\", \"authorizationPassthroughMethod\": \"form_params\""),
                "{\"method\": \"POST\"}", 200);
        assertThat(server.received(p).get(0).body()).isEqualTo("apikey=k4");
        String q = path();
        testCall(source(q, "apikey", ", \"apikey\": \"k5\", \"authorizationPassthroughMethod\": \"json\""),
                "{\"method\": \"POST\", \"body\": {\"a\": 1}}", 200);
        assertThat(json.readTree(server.received(q).get(0).body())).isEqualTo(json.readTree("{\"a\":1,\"apikey\":\"k5\"}"));
    }

    @Test
    void aBearerTokenAsBasicAuthUserName() {
        String p = path();
        testCall(source(p, "jwt", ", \"jwt\": \"tok-8\", \"authorizationPassthroughMethod\": \"base_auth\""), null, 200);
        assertThat(server.received(p).get(0).header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("tok-8:".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void usernamePasswordIsHttpBasic() {
        String p = path();
        JsonNode answer = testCall(source(p, "username-password", ", \"username\": \"ann\", \"password\": \"pw-SECRET-6\""), null, 200);
        String expected = "Basic " + Base64.getEncoder().encodeToString("ann:pw-SECRET-6".getBytes(StandardCharsets.UTF_8));
        assertThat(server.received(p).get(0).header("Authorization")).isEqualTo(expected);
        assertThat(answer.at("/request/headers/Authorization/0").asString()).isEqualTo("********");
    }

    @Test
    void jwtIsAStoredBearerToken() {
        String p = path();
        testCall(source(p, "jwt", ", \"jwt\": \"eyJ.stored.token\""), null, 200);
        assertThat(server.received(p).get(0).header("Authorization")).isEqualTo("Bearer eyJ.stored.token");
    }

    @Test
    void jwtHs256MintsASignedShortLivedToken() throws Exception {
        String p = path();
        String secret = "a-shared-secret-of-at-least-32-bytes!!";
        testCall(source(p, "jwt-HS256", ", \"secret\": \"" + secret + "\", \"jwtId\": \"my_zgw_client\","
                + " \"authenticationConfig\": {\"claims\": {\"user_id\": \"u1\", \"aud\": \"zaken\"}, \"ttl\": 60}"), null, 200);
        String header = server.received(p).get(0).header("Authorization");
        SignedJWT jwt = SignedJWT.parse(header.substring("Bearer ".length()));
        assertThat(jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("my_zgw_client");
        assertThat(jwt.getJWTClaimsSet().getClaim("client_id")).isEqualTo("my_zgw_client");
        assertThat(jwt.getJWTClaimsSet().getClaim("user_id")).isEqualTo("u1");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isAfter(new Date()).isBefore(new Date(System.currentTimeMillis() + 61_000));
    }

    @Test
    void jwtHs256WithAShortSecretIsA422() {
        String p = path();
        JsonNode problem = testCall(source(p, "jwt-HS256", ", \"secret\": \"short\""), null, 422);
        assertThat(problem.get("detail").asString()).contains("jwt-HS256");
        assertThat(server.received(p)).isEmpty();
    }

    @Test
    void oauthClientCredentialsCachesTheTokenAndRefreshesOnceOn401() {
        String p = path();
        String tokenPath = "/t" + p;
        AtomicInteger issued = new AtomicInteger();
        server.on(tokenPath, r -> Reply.json("{\"access_token\":\"tok-" + issued.incrementAndGet() + "\",\"expires_in\":3600}"));
        String id = source(p, "oauth", ", \"authenticationConfig\": {\"tokenUrl\": \"" + server.url() + tokenPath + "\","
                + " \"client_id\": \"cid\", \"client_secret\": \"cs-SECRET-7\", \"scope\": \"read\"}");
        // The API accepts only the second token: the first call meets a 401, refreshes once and retries once.
        server.on(p, r -> "Bearer tok-2".equals(r.header("Authorization")) ? Reply.json("{\"ok\":true}") : Reply.status(401));
        JsonNode answer = testCall(id, null, 200);
        assertThat(answer.at("/response/statusCode").asInt()).isEqualTo(200);
        assertThat(server.received(tokenPath)).hasSize(2);
        assertThat(server.received(tokenPath).get(0).body()).contains("grant_type=client_credentials", "client_id=cid",
                "client_secret=cs-SECRET-7", "scope=read");
        testCall(id, null, 200);
        testCall(id, null, 200);
        assertThat(server.received(tokenPath)).as("the token is cached").hasSize(2);
        assertThat(server.received(p)).hasSize(4);
        assertThat(answer.toString()).doesNotContain("tok-2").doesNotContain("cs-SECRET-7");
    }

    @Test
    void oauthPasswordGrantWithBasicClientAuthentication() {
        String p = path();
        String tokenPath = "/t" + p;
        server.on(tokenPath, r -> Reply.json("{\"token\":\"pt\"}"));
        testCall(source(p, "oauth", ", \"username\": \"ann\", \"password\": \"pw\", \"authenticationConfig\": {\"tokenUrl\": \""
                + server.url() + tokenPath + "\", \"grant_type\": \"password\", \"authentication\": \"basic_auth\","
                + " \"client_id\": \"cid\", \"client_secret\": \"cs\", \"tokenLocation\": \"token\"}"), null, 200);
        Loopback.Received token = server.received(tokenPath).get(0);
        assertThat(token.body()).contains("grant_type=password", "username=ann", "password=pw").doesNotContain("client_secret");
        assertThat(token.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString("cid:cs".getBytes(StandardCharsets.UTF_8)));
        assertThat(server.received(p).get(0).header("Authorization")).isEqualTo("Bearer pt");
    }

    @Test
    void oauthWithAFailingTokenEndpointIs502AndTheApiIsNotCalled() {
        String p = path();
        server.on(p + "-token", r -> Reply.status(400));
        JsonNode problem = testCall(source(p, "oauth", ", \"authenticationConfig\": {\"tokenUrl\": \"" + server.url() + p + "-token\"}"), null, 502);
        assertThat(problem.get("detail").asString()).contains("token endpoint");
        assertThat(server.received(p + "/")).isEmpty();
        assertThat(server.received(p).stream().filter(r -> !r.uri().startsWith(p + "-token"))).isEmpty();
    }

    @Test
    void vrijbrpAndPinkJwtAreRefusedNotSentWithoutCredentials() {
        for (String auth : new String[]{"vrijbrp-jwt", "pink-jwt"}) {
            String p = path();
            JsonNode problem = testCall(source(p, auth, ""), null, 422);
            assertThat(problem.get("detail").asString()).contains("not supported yet");
            assertThat(server.received(p)).isEmpty();
        }
    }
}
