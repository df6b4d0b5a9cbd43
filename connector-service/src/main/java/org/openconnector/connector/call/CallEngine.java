package org.openconnector.connector.call;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.openconnector.common.error.ApiException;
import org.openconnector.common.net.DestinationPolicy;
import org.openconnector.connector.call.auth.SourceAuth;
import org.openconnector.connector.calllog.CallLogPublisher;
import org.openconnector.connector.source.SourceSecrets;
import org.openconnector.connector.source.StoredSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every outbound call to a source goes through here: refusals (disabled, no location, rate
 * limit), request building from the source's configuration, authentication, the destination
 * policy for the URL and each redirect, retries with backoff for idempotent methods, the source's
 * circuit breaker, one credential refresh after a 401, and a redacted call log.
 */
@Service
public class CallEngine {

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);
    private static final Set<Integer> RETRY_STATUS = Set.of(429, 502, 503, 504);

    private final SourceSecrets secrets;
    private final Map<String, SourceAuth> auths;
    private final RequestBuilder builder;
    private final HttpClients clients;
    private final DestinationPolicy policy;
    private final Breakers breakers;
    private final RateLimits limits;
    private final CallProperties props;
    private final CallLogPublisher logs;

    public CallEngine(SourceSecrets secrets, List<SourceAuth> auths, RequestBuilder builder, HttpClients clients,
                      DestinationPolicy policy, Breakers breakers, RateLimits limits, CallProperties props, CallLogPublisher logs) {
        this.secrets = secrets;
        this.auths = auths.stream().collect(Collectors.toUnmodifiableMap(SourceAuth::type, Function.identity()));
        this.builder = builder;
        this.clients = clients;
        this.policy = policy;
        this.breakers = breakers;
        this.limits = limits;
        this.props = props;
        this.logs = logs;
    }

    public Mono<CallOutcome> call(StoredSource stored, CallSpec spec) {
        return Mono.defer(() -> {
            ResolvedSource source = ResolvedSource.of(stored, secrets);
            if (!source.enabled()) {
                return Mono.error(ApiException.conflict("Source " + source.id() + " is not enabled (isEnabled: false)"));
            }
            if (source.location() == null || source.location().isBlank()) {
                return Mono.error(ApiException.conflict("Source " + source.id() + " has no location"));
            }
            SourceAuth auth = auths.get(source.auth());
            Timeouts timeouts = Timeouts.of(source, spec, props);
            long start = System.nanoTime();
            OutboundRequest[] sent = new OutboundRequest[1];
            Mono<RawResponse> first = Mono.defer(() -> attempt(source, auth, spec, timeouts, sent));
            return first
                    .flatMap(r -> r.status() == 401 && auth.refreshable()
                            ? Mono.fromRunnable(() -> auth.invalidate(source)).then(attempt(source, auth, spec, timeouts, sent))
                            : Mono.just(r))
                    .map(r -> outcome(source, spec, sent[0], r, millisSince(start)))
                    .doOnNext(logs::publish)
                    .onErrorMap(e -> !(e instanceof ApiException), e -> translate(source, e))
                    .doOnError(ApiException.class, e -> {
                        if (sent[0] != null) {
                            logs.publishFailure(source.id(), spec, sent[0], new Redactor(sent[0].sensitive()), e, millisSince(start));
                        }
                    });
        });
    }

    private Mono<RawResponse> attempt(ResolvedSource source, SourceAuth auth, CallSpec spec, Timeouts t, OutboundRequest[] sent) {
        return Mono.fromCallable(() -> builder.build(source, spec))
                .flatMap(request -> auth.apply(source, request))
                .doOnNext(request -> sent[0] = request)
                .flatMap(request -> send(source, request, t));
    }

    private Mono<RawResponse> send(ResolvedSource source, OutboundRequest request, Timeouts t) {
        URI uri = builder.uri(request);
        // Every attempt (retries too) asks the rate limit first: a 429 with a far Retry-After ends
        // the retries with our own 429 instead of knocking again.
        Mono<RawResponse> once = Mono.defer(() -> limits.permit(source.id(), t.total())).then(Mono.defer(() -> follow(request, request.method(), uri, false, 0, t))
                .timeout(t.total())
                .transformDeferred(CircuitBreakerOperator.of(breakers.of(source.id())))
                .doOnNext(r -> limits.observe(source.id(), r.status(), r.headers())));
        if (!IDEMPOTENT.contains(request.method())) {
            return once;
        }
        return once.flatMap(r -> RETRY_STATUS.contains(r.status()) ? Mono.error(new RetryableStatus(r)) : Mono.just(r))
                .retryWhen(Retry.backoff(props.maxRetries(), props.retryBackoff()).maxBackoff(t.total())
                        .filter(CallEngine::retryable).onRetryExhaustedThrow((s, signal) -> signal.failure()))
                .onErrorResume(RetryableStatus.class, e -> Mono.just(e.response));
    }

    private Mono<RawResponse> follow(OutboundRequest request, HttpMethod method, URI uri, boolean stripAuth, int hops, Timeouts t) {
        return policy.check(uri).flatMap(checked -> builder.exchange(clients.forConnectTimeout(t.connect()), request, method, checked,
                        stripAuth, t.response()))
                .flatMap(r -> {
                    String location = r.headers().getFirst(HttpHeaders.LOCATION);
                    if (r.status() / 100 != 3 || location == null || r.status() == 304 || hops >= props.maxRedirects()) {
                        return Mono.just(r);
                    }
                    URI next = uri.resolve(location);
                    boolean toGet = r.status() == 303 || (r.status() == 301 || r.status() == 302) && method == HttpMethod.POST;
                    // Credentials never follow a redirect to another host.
                    boolean otherHost = !(next.getHost() + ":" + next.getPort()).equals(uri.getHost() + ":" + uri.getPort());
                    return follow(request, toGet ? HttpMethod.GET : method, next, stripAuth || otherHost, hops + 1, t);
                });
    }

    private static boolean retryable(Throwable e) {
        return e instanceof RetryableStatus || find(e, ConnectException.class) != null;
    }

    private CallOutcome outcome(ResolvedSource source, CallSpec spec, OutboundRequest request, RawResponse r, long ms) {
        Redactor redactor = new Redactor(request.sensitive());
        return new CallOutcome(source.id(), request.method().name(), spec.endpoint(), redactor.url(r.url().toString()),
                redactor.headers(request.headers()), redactor.text(builder.bodyText(request)), r.status(), r.headers(), r.body(),
                ms, redactor, source.logBody());
    }

    private static ApiException translate(ResolvedSource source, Throwable e) {
        if (e instanceof CallNotPermittedException) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "circuit-open",
                    "Source " + source.id() + " failed repeatedly; calls are paused for a while (circuit breaker open)");
        }
        if (find(e, TimeoutException.class) != null || find(e, io.netty.handler.timeout.ReadTimeoutException.class) != null) {
            return new ApiException(HttpStatus.GATEWAY_TIMEOUT, "source-timeout", "Source " + source.id() + " did not answer in time");
        }
        if (find(e, org.springframework.core.io.buffer.DataBufferLimitException.class) != null) {
            return new ApiException(HttpStatus.BAD_GATEWAY, "source-response-too-large", "Source " + source.id() + " sent a response too large to read");
        }
        ConnectException connect = find(e, ConnectException.class);
        String why = connect != null ? "could not connect (" + connect.getClass().getSimpleName() + ")" : "the call failed (" + e.getClass().getSimpleName() + ")";
        return new ApiException(HttpStatus.BAD_GATEWAY, "source-unreachable", "Source " + source.id() + ": " + why);
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A retryable status, carried as an error so {@link Retry} sees it; unwrapped when retries run out. */
    private static final class RetryableStatus extends RuntimeException {
        private final transient RawResponse response;

        RetryableStatus(RawResponse response) {
            super("status " + response.status(), null, false, false);
            this.response = response;
        }
    }

    static String utf8(byte[] body) {
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }
}
