package org.openconnector.common.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openconnector.common.error.ApiException;
import reactor.test.StepVerifier;

import java.net.URI;

class DestinationPolicyTest {

    private final DestinationPolicy strict = new DestinationPolicy(new DestinationProperties(false, false));
    private final DestinationPolicy permissive = new DestinationPolicy(new DestinationProperties(true, true));

    @ParameterizedTest
    @CsvSource({
            "http://169.254.169.254/latest/meta-data, link-local",
            "http://[fd00:ec2::254]/, link-local",
            "http://metadata.google.internal/, metadata",
            "http://0.0.0.0:8080/, unspecified",
            "ftp://example.org/file, http(s)",
            "/relative/path, http(s)"})
    void alwaysRefusesMetadataLinkLocalAndNonHttp(String url, String reason) {
        StepVerifier.create(permissive.check(URI.create(url)))
                .expectErrorSatisfies(e -> org.assertj.core.api.Assertions.assertThat(e)
                        .isInstanceOf(ApiException.class).hasMessageContaining(reason))
                .verify();
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:9/, loopback", "http://10.1.2.3/, private", "http://192.168.0.10/, private",
            "http://100.64.0.1/, private"})
    void refusesPrivateAndLoopbackUnlessAllowed(String url, String reason) {
        StepVerifier.create(strict.check(URI.create(url)))
                .expectErrorSatisfies(e -> org.assertj.core.api.Assertions.assertThat(e).hasMessageContaining(reason))
                .verify();
        StepVerifier.create(permissive.check(URI.create(url))).expectNext(URI.create(url)).verifyComplete();
    }
}
