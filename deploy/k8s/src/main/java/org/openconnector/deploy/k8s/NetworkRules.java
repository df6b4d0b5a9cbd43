package org.openconnector.deploy.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * NetworkPolicy rules: every platform pod is under a default deny, only the exposed services accept
 * traffic from anywhere, only the external-egress services may connect to addresses outside the
 * cluster. "Anywhere" is a rule without peers or with an ipBlock peer.
 */
final class NetworkRules {

    private NetworkRules() {
    }

    static void check(ManifestCheck.Resources r, Expectations exp, List<String> v) {
        List<NetworkPolicy> policies = r.of(NetworkPolicy.class);
        Set<String> openIngress = new HashSet<>();
        Set<String> openEgress = new HashSet<>();
        for (Deployment d : r.of(Deployment.class)) {
            String name = d.getMetadata().getName();
            var labels = d.getSpec().getTemplate().getMetadata().getLabels();
            boolean denied = false;
            for (NetworkPolicy p : policies) {
                String where = "NetworkPolicy/" + p.getMetadata().getName();
                if (!Selectors.matches(p.getSpec().getPodSelector(), labels, where, v)) {
                    continue;
                }
                List<String> types = p.getSpec().getPolicyTypes();
                denied |= types.contains("Ingress") && types.contains("Egress")
                        && p.getSpec().getIngress().isEmpty() && p.getSpec().getEgress().isEmpty();
                if (p.getSpec().getIngress().stream().anyMatch(rule -> open(rule.getFrom()))) {
                    openIngress.add(name);
                    if (!exp.exposed().contains(name)) {
                        v.add(where + ": lets traffic from anywhere into " + name + "; only " + exp.exposed() + " may take it");
                    }
                }
                if (p.getSpec().getEgress().stream().anyMatch(rule -> open(rule.getTo()))) {
                    openEgress.add(name);
                    if (!exp.externalEgress().contains(name)) {
                        v.add(where + ": lets " + name + " connect outside the cluster; only " + exp.externalEgress() + " may");
                    }
                }
            }
            if (!denied) {
                v.add("Deployment/" + name + ": no default-deny NetworkPolicy (Ingress and Egress, no rules) selects its pods");
            }
        }
        exp.exposed().stream().filter(n -> !openIngress.contains(n))
                .forEach(n -> v.add(n + ": must accept outside traffic (an ingress rule without peers or with an ipBlock)"));
        exp.externalEgress().stream().filter(n -> !openEgress.contains(n))
                .forEach(n -> v.add(n + ": must be allowed to connect outside the cluster (egress to an ipBlock)"));
    }

    private static boolean open(List<NetworkPolicyPeer> peers) {
        return peers == null || peers.isEmpty() || peers.stream().anyMatch(p -> p.getIpBlock() != null);
    }
}
