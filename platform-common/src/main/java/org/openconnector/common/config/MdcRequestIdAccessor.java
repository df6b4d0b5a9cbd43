package org.openconnector.common.config;

import io.micrometer.context.ThreadLocalAccessor;
import org.openconnector.common.web.RequestIds;
import org.slf4j.MDC;

/**
 * Bridges the request id from the Reactor context to the logging MDC. With
 * {@code spring.reactor.context-propagation=auto}, Reactor restores it on whichever thread an
 * operator runs, so log lines carry {@code [requestId]} without handing it down by hand.
 */
public class MdcRequestIdAccessor implements ThreadLocalAccessor<String> {

    @Override
    public Object key() {
        return RequestIds.CONTEXT_KEY;
    }

    @Override
    public String getValue() {
        return MDC.get(RequestIds.CONTEXT_KEY);
    }

    @Override
    public void setValue(String value) {
        MDC.put(RequestIds.CONTEXT_KEY, value);
    }

    @Override
    public void setValue() {
        MDC.remove(RequestIds.CONTEXT_KEY);
    }
}
