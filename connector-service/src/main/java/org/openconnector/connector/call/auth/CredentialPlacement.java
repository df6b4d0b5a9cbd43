package org.openconnector.connector.call.auth;

import org.openconnector.common.error.ApiException;
import org.openconnector.connector.call.OutboundRequest;
import org.openconnector.connector.call.ResolvedSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Puts a credential where the source's {@code authorizationPassthroughMethod} says:
 * {@code header} (the header named by {@code authenticationConfig.header}, default
 * {@code Authorization}, value {@code prefix + credential}), {@code query} / {@code form_params} /
 * {@code json} (under {@code authenticationConfig.parameter}, default {@code defaultParam}), or
 * {@code base_auth} (HTTP Basic with the credential as user name and an empty password).
 */
public final class CredentialPlacement {

    private CredentialPlacement() {
    }

    public static OutboundRequest place(ResolvedSource source, OutboundRequest request, String credential,
                                        String defaultPrefix, String defaultParam) {
        if (credential == null || credential.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "missing-credential",
                    "Source " + source.id() + " uses auth '" + source.auth() + "' but has no credential for it");
        }
        request.secret(credential);
        String param = source.authText("parameter", defaultParam);
        switch (source.passthrough()) {
            case "query" -> request.query().set(param, credential);
            case "form_params" -> request.form().set(param, credential);
            case "json" -> {
                ObjectNode body = request.json() instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
                if (request.json() != null && !(request.json() instanceof ObjectNode)) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "credential-placement",
                            "authorizationPassthroughMethod json needs a JSON object body");
                }
                body.put(param, credential);
                request.json(body);
            }
            case "base_auth" -> request.headers().set(HttpHeaders.AUTHORIZATION,
                    request.secret(basic(credential, "")));
            default -> {
                String value = source.authText("prefix", defaultPrefix) + credential;
                request.headers().set(source.authText("header", HttpHeaders.AUTHORIZATION), request.secret(value));
            }
        }
        return request;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
