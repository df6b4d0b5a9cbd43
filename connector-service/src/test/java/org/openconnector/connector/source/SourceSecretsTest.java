package org.openconnector.connector.source;

import org.junit.jupiter.api.Test;
import org.openconnector.common.crypto.CryptoProperties;
import org.openconnector.common.crypto.SecretCipher;
import org.openconnector.common.test.RealInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sealing, masking and keeping secrets, and which keys count as secret. */
class SourceSecretsTest {

    private final SecretCipher cipher = new SecretCipher(new CryptoProperties("test", Map.of("test", RealInfrastructure.TEST_CRYPTO_KEY)));
    private final SourceSecrets secrets = new SourceSecrets(cipher);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void recognisesSecretKeysButNotTheirNeighbours() {
        assertThat(SecretKeys.isSecret("client_secret")).isTrue();
        assertThat(SecretKeys.isSecret("access_token")).isTrue();
        assertThat(SecretKeys.isSecret("X-Api-Key")).isTrue();
        assertThat(SecretKeys.isSecret("private_key")).isTrue();
        assertThat(SecretKeys.isSecret("headers.Authorization")).isTrue();
        assertThat(SecretKeys.isSecret("tokenUrl")).isFalse();
        assertThat(SecretKeys.isSecret("tokenLocation")).isFalse();
        assertThat(SecretKeys.isSecret("client_id")).isFalse();
        assertThat(SecretKeys.isSecret("username")).isFalse();
    }

    @Test
    void sealsMasksAndKeepsSecretsAcrossAnUpdate() {
        Map<SourceField, JsonNode> first = new EnumMap<>(SourceField.class);
        first.put(SourceField.PASSWORD, json.readTree("\"p1\""));
        first.put(SourceField.APIKEY, json.readTree("\"k1\""));
        first.put(SourceField.AUTHENTICATION_CONFIG, json.readTree("{\"client_secret\":\"cs-PLAIN-1\",\"tokenUrl\":\"https://t\",\"list\":[{\"token\":\"tok-PLAIN-2\"}]}"));
        Map<SourceField, JsonNode> stored = secrets.seal(first, null);
        assertThat(stored.get(SourceField.PASSWORD).asString()).startsWith("enc:v1:test:");
        assertThat(stored.get(SourceField.AUTHENTICATION_CONFIG).toString()).doesNotContain("cs-PLAIN-1", "tok-PLAIN-2").contains("https://t");
        assertThat(secrets.mask(stored.get(SourceField.AUTHENTICATION_CONFIG)).at("/list/0/token").asString()).isEqualTo(SourceSecrets.MASK);

        Map<SourceField, JsonNode> second = new EnumMap<>(SourceField.class);
        second.put(SourceField.PASSWORD, json.readTree("\"" + SourceSecrets.MASK + "\""));
        second.put(SourceField.APIKEY, json.readTree("\"\""));
        second.put(SourceField.AUTHENTICATION_CONFIG, json.readTree("{\"client_secret\":\"" + SourceSecrets.MASK + "\",\"password\":\"" + SourceSecrets.MASK + "\"}"));
        Map<SourceField, JsonNode> next = secrets.seal(second, stored);
        assertThat(secrets.reveal(next.get(SourceField.PASSWORD).asString())).isEqualTo("p1");
        assertThat(next).doesNotContainKey(SourceField.APIKEY);
        JsonNode config = secrets.reveal(next.get(SourceField.AUTHENTICATION_CONFIG));
        assertThat(config.get("client_secret").asString()).isEqualTo("cs-PLAIN-1");
        assertThat(config.has("password")).as("a mask with nothing stored behind it is dropped").isFalse();
        assertThat(secrets.seal(new EnumMap<>(SourceField.class), stored)).containsKey(SourceField.AUTHENTICATION_CONFIG);
    }

    @Test
    void bumpsThePatchVersion() {
        assertThat(Versions.bumpPatch("0.0.3")).isEqualTo("0.0.4");
        assertThat(Versions.bumpPatch(null)).isEqualTo("0.0.1");
        assertThat(Versions.bumpPatch("1.2.99999999999999999999")).isEqualTo("1.2.100000000000000000000");
        assertThat(Versions.bumpPatch("v-next")).isEqualTo("v-next");
    }
}
