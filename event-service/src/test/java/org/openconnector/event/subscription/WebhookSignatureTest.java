package org.openconnector.event.subscription;

import org.junit.jupiter.api.Test;
import org.openconnector.common.events.CloudEvent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        // the example of the Standard Webhooks reference libraries
        String signature = WebhookSignature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8), List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void putsOneSignaturePerSecretSpaceSeparated() {
        String a = WebhookSignature.newSecret();
        String b = WebhookSignature.newSecret();
        String both = WebhookSignature.sign("id", 1, new byte[0], List.of(a, b));
        assertThat(both.split(" ")).containsExactly(WebhookSignature.sign("id", 1, new byte[0], List.of(a)),
                WebhookSignature.sign("id", 1, new byte[0], List.of(b)));
    }

    @Test
    void acceptsOnlyWellFormedSecrets() {
        assertThat(WebhookSignature.invalid(WebhookSignature.newSecret())).isNull();
        assertThat(WebhookSignature.invalid("secret")).contains("whsec_");
        assertThat(WebhookSignature.invalid("whsec_%%%")).contains("base64");
        assertThat(WebhookSignature.invalid("whsec_c2hvcnQ=")).contains("24 to 64 bytes");
    }

    @Test
    void filtersMatchExactlyOrByPrefix() {
        CloudEvent e = new CloudEvent("1.0", "id-1", "/sync-service", "org.openconnector.synchronization.run.finished",
                "abc-123", null, "application/json", null);
        assertThat(SubscriptionFilters.matches(null, e)).isTrue();
        assertThat(SubscriptionFilters.matches(Map.of("source", "/sync-service", "subject", "abc-*"), e)).isTrue();
        assertThat(SubscriptionFilters.matches(Map.of("source", "/sync"), e)).isFalse();
        assertThat(SubscriptionFilters.matches(Map.of("type", "org.openconnector.synchronization.*"), e)).isTrue();
        assertThat(SubscriptionFilters.matches(Map.of("datacontenttype", "text/plain"), e)).isFalse();
    }
}
