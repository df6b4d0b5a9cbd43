package org.openconnector.connector.call;

import org.openconnector.common.error.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Turns a source and a {@link CallSpec} into an {@link OutboundRequest} (location + endpoint,
 * configured headers and query under the call's own, {@code accept} and {@code locale}) and sends
 * one request of it.
 */
@Component("outboundRequestBuilder")
public class RequestBuilder {

    private static final byte[] EMPTY = new byte[0];
    private final JsonMapper json;

    public RequestBuilder(JsonMapper json) {
        this.json = json;
    }

    OutboundRequest build(ResolvedSource source, CallSpec spec) {
        HttpMethod method;
        try {
            method = HttpMethod.valueOf(spec.method());
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("method", "method is not an HTTP method (got '" + spec.method() + "')");
        }
        OutboundRequest request = new OutboundRequest(method, join(source.location(), spec.endpoint()));
        copy(source.configuration().get("query"), (k, v) -> request.query().set(k, v));
        spec.query().forEach(request.query()::set);
        if (source.accept() != null) {
            request.headers().set(HttpHeaders.ACCEPT, source.accept());
        }
        if (source.locale() != null) {
            request.headers().set(HttpHeaders.ACCEPT_LANGUAGE, source.locale());
        }
        copy(source.configuration().get("headers"), request.headers()::set);
        spec.headers().forEach(request.headers()::set);
        // Values configured in the source (e.g. a static Authorization header) are credentials too.
        request.headers().forEach((name, values) -> {
            if (Redactor.isSecretHeader(name)) {
                values.forEach(request::secret);
            }
        });
        if (spec.body() != null && !spec.body().isNull()) {
            if (spec.body().isString()) {
                request.text(spec.body().asString());
            } else {
                request.json(spec.body());
            }
        }
        return request;
    }

    URI uri(OutboundRequest request) {
        try {
            URI uri = URI.create(request.fullUrl());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-url",
                    "The source location and endpoint do not form a valid URL");
        }
    }

    Mono<RawResponse> exchange(WebClient client, OutboundRequest request, HttpMethod method, URI uri, boolean stripAuth,
                               Duration responseTimeout) {
        var spec = client.method(method).uri(uri)
                .headers(h -> {
                    h.addAll(request.headers());
                    if (stripAuth) {
                        h.remove(HttpHeaders.AUTHORIZATION);
                    }
                })
                .httpRequest(r -> {
                    if (r.getNativeRequest() instanceof HttpClientRequest native_) {
                        native_.responseTimeout(responseTimeout);
                    }
                });
        boolean bodyAllowed = method != HttpMethod.GET && method != HttpMethod.HEAD || request.method() == method;
        WebClient.RequestHeadersSpec<?> ready = spec;
        if (bodyAllowed && !request.form().isEmpty()) {
            ready = spec.body(BodyInserters.fromFormData(request.form()));
        } else if (bodyAllowed && request.json() != null) {
            if (request.headers().getContentType() == null) {
                spec.contentType(MediaType.APPLICATION_JSON);
            }
            ready = spec.bodyValue(json.writeValueAsBytes(request.json()));
        } else if (bodyAllowed && request.text() != null) {
            ready = spec.bodyValue(request.text().getBytes(StandardCharsets.UTF_8));
        }
        return ready.exchangeToMono(r -> r.bodyToMono(byte[].class).defaultIfEmpty(EMPTY)
                .map(body -> new RawResponse(r.statusCode().value(), r.headers().asHttpHeaders(), body, uri)));
    }

    String bodyText(OutboundRequest request) {
        if (!request.form().isEmpty()) {
            return request.form().toString();
        }
        if (request.json() != null) {
            return json.writeValueAsString(request.json());
        }
        return request.text();
    }

    /** {@code location} + {@code endpoint}, with exactly one slash between them; an absolute endpoint URL under the location is kept. */
    static String join(String location, String endpoint) {
        if (endpoint.startsWith(location)) {
            return endpoint;
        }
        if (endpoint.isEmpty()) {
            return location;
        }
        boolean slashL = location.endsWith("/");
        boolean slashE = endpoint.startsWith("/") || endpoint.startsWith("?");
        return slashL && slashE ? location + endpoint.substring(1) : slashL || slashE ? location + endpoint : location + "/" + endpoint;
    }

    private interface Put {
        void put(String key, String value);
    }

    private static void copy(JsonNode node, Put put) {
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                    put.put(e.getKey(), e.getValue().asString());
                }
            });
        }
    }
}
