package org.openconnector.common.net;

import org.openconnector.common.error.ApiException;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard for every outbound call: resolves the host and refuses cloud metadata,
 * link-local, unspecified and multicast addresses always, and private or loopback addresses unless
 * configuration allows them. Every resolved address must pass, so a name that resolves to both a
 * public and a forbidden address is refused. Call it again for each redirect target.
 */
public class DestinationPolicy {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");

    private final DestinationProperties props;

    public DestinationPolicy(DestinationProperties props) {
        this.props = props;
    }

    /** Completes when {@code uri} may be called; errors with a 422 problem saying why not. */
    public Mono<URI> check(URI uri) {
        if (uri == null || uri.getHost() == null || !isHttp(uri.getScheme())) {
            return Mono.error(refused(uri, "only absolute http(s) URLs with a host are allowed"));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (METADATA_HOSTS.contains(host)) {
            return Mono.error(refused(uri, "cloud metadata endpoints are never allowed"));
        }
        // DNS resolution blocks: keep it off the event loop.
        return Mono.fromCallable(() -> InetAddress.getAllByName(stripBrackets(host)))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(UnknownHostException.class, e -> refused(uri, "host '" + host + "' does not resolve"))
                .flatMap(addresses -> {
                    for (InetAddress address : addresses) {
                        String why = forbidden(address);
                        if (why != null) {
                            return Mono.error(refused(uri, why));
                        }
                    }
                    return Mono.just(uri);
                });
    }

    /** Why {@code address} may not be called, or null when it may. */
    public String forbidden(InetAddress address) {
        byte[] a = address.getAddress();
        if (address.isLinkLocalAddress() || isMetadata(a)) {
            return "link-local and cloud metadata addresses are never allowed";
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return "unspecified and multicast addresses are not allowed";
        }
        if (address.isLoopbackAddress() && !props.allowLoopback()) {
            return "loopback addresses are not allowed here (openconnector.destinations.allow-loopback)";
        }
        if ((address.isSiteLocalAddress() || isUniqueLocal6(address) || isCarrierNat(a)) && !props.allowPrivate()) {
            return "private network addresses are not allowed here (openconnector.destinations.allow-private)";
        }
        return null;
    }

    private static boolean isMetadata(byte[] a) {
        // 169.254.169.254 is link-local already; AWS's IPv6 IMDS is fd00:ec2::254.
        return a.length == 16 && (a[0] & 0xff) == 0xfd && a[1] == 0 && (a[2] & 0xff) == 0x0e && (a[3] & 0xff) == 0xc2
                && (a[15] & 0xff) == 0x54 && a[14] == 0x02;
    }

    private static boolean isUniqueLocal6(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static boolean isCarrierNat(byte[] a) {
        return a.length == 4 && (a[0] & 0xff) == 100 && (a[1] & 0xc0) == 64;
    }

    private static boolean isHttp(String scheme) {
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static ApiException refused(URI uri, String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "destination-refused",
                "Destination " + uri + " refused: " + why);
    }
}
