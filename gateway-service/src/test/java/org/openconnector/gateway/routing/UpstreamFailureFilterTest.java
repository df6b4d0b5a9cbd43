package org.openconnector.gateway.routing;

import org.junit.jupiter.api.Test;
import org.openconnector.common.error.ApiException;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed hop becomes: the table of upstream failures and the status each one gives. */
class UpstreamFailureFilterTest {

    @Test
    void mapsEveryUpstreamFailureToTheErrorContract() {
        Map<Throwable, String> cases = new LinkedHashMap<>();
        cases.put(new ConnectException("Connection refused"), "503 service-unavailable The job service is unavailable");
        cases.put(new IOException("Connection reset by peer"), "503 service-unavailable The job service is unavailable");
        cases.put(new IllegalStateException("anything else"), "503 service-unavailable The job service is unavailable");
        cases.put(new ServiceUnavailableException(), "503 service-unavailable The job service is failing");
        cases.put(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer than timeout"),
                "504 gateway-timeout The job service did not answer in time");
        cases.put(new RuntimeException(new TimeoutException("late")), "504 gateway-timeout The job service did not answer in time");
        cases.put(new org.springframework.cloud.gateway.support.TimeoutException("late"),
                "504 gateway-timeout The job service did not answer in time");

        cases.forEach((error, expected) -> {
            Throwable mapped = UpstreamFailureFilter.translate(exchangeOnRoute("job"), error);
            assertThat(mapped).as(error.toString()).isInstanceOf(ApiException.class);
            ApiException api = (ApiException) mapped;
            assertThat(api.status().value() + " " + api.slug() + " " + api.getMessage()).as(error.toString()).startsWith(expected);
        });
    }

    @Test
    void leavesTheGatewaysOwnAnswersAlone() {
        ResponseStatusException tooLarge = new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(UpstreamFailureFilter.translate(exchangeOnRoute("sync"), tooLarge)).isSameAs(tooLarge);
    }

    private static MockServerWebExchange exchangeOnRoute(String id) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/x"));
        Route route = Route.async().id(id).uri("http://127.0.0.1:1").predicate(e -> true).build();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }
}
