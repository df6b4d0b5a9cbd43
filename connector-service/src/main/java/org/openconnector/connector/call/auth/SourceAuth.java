package org.openconnector.connector.call.auth;

import org.openconnector.connector.call.OutboundRequest;
import org.openconnector.connector.call.ResolvedSource;
import reactor.core.publisher.Mono;

/**
 * One authentication scheme of a source, selected by the source's {@code auth} value
 * ({@link #type()}). It adds the credential to the request; schemes that hold tokens forget them
 * on {@link #invalidate}, which the engine calls once after a 401 before retrying.
 */
public interface SourceAuth {

    /** The {@code auth} value this scheme serves, e.g. {@code oauth}. */
    String type();

    Mono<OutboundRequest> apply(ResolvedSource source, OutboundRequest request);

    default void invalidate(ResolvedSource source) {
    }

    /** Whether a 401 is worth one fresh credential and one retry. */
    default boolean refreshable() {
        return false;
    }
}
