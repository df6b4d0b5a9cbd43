package org.openconnector.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The RFC 9457 body every service answers errors with ({@code application/problem+json}).
 * A record of our own rather than Spring's {@code ProblemDetail} so the wire shape does not
 * depend on which Jackson mix-ins a codec happens to register.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      String traceId, List<Violation> violations) {

    public static final String TYPE_BASE = "https://openconnector.org/problems/";

    public Problem withInstance(String instance, String traceId) {
        return new Problem(type, title, status, detail, instance, traceId, violations);
    }
}
