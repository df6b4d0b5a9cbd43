package org.openconnector.connector.objects;

import org.openconnector.connector.Loopback.Received;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Helpers for loopback sources that serve pages. */
final class Pages {

    private Pages() {
    }

    static String param(Received r, String name) {
        return UriComponentsBuilder.fromUriString(r.uri()).build().getQueryParams().getFirst(name);
    }

    /** A JSON array of {@code {"id": i}} for i in [from, to). */
    static String items(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"id\":" + i + "}").collect(Collectors.joining(",", "[", "]"));
    }
}
