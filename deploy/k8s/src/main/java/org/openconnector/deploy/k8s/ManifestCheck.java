package org.openconnector.deploy.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a rendered overlay: every resource parses strictly ({@link StrictModel}), then the rules a
 * deployable platform needs ({@link WorkloadRules}, {@link WiringRules}, {@link NetworkRules}).
 * Returns the violations, one readable line each; none means the overlay passes.
 */
public final class ManifestCheck {

    /** Names of values that are secrets and must come from a Secret, never be written inline. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_?KEY|CRYPTO_KEYS|SIGNING_KEY)");

    private ManifestCheck() {
    }

    public static List<String> check(List<Map<String, Object>> rendered, Expectations expectations) {
        List<String> violations = new ArrayList<>();
        List<HasMetadata> typed = rendered.stream()
                .map(r -> StrictModel.parse(r, violations))
                .filter(Objects::nonNull)
                .toList();
        Resources resources = new Resources(typed);
        WorkloadRules.check(resources, expectations, violations);
        WiringRules.check(resources, expectations, violations);
        NetworkRules.check(resources, expectations, violations);
        return violations;
    }

    /** The typed resources of one rendering, by model class. */
    record Resources(List<HasMetadata> all) {

        <T extends HasMetadata> List<T> of(Class<T> type) {
            return all.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }
}
