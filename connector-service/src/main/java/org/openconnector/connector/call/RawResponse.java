package org.openconnector.connector.call;

import org.springframework.http.HttpHeaders;

import java.net.URI;

/** A response as received, with the URL that finally answered (after redirects). */
public record RawResponse(int status, HttpHeaders headers, byte[] body, URI url) {
}
