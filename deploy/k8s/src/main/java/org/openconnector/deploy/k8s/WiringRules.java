package org.openconnector.deploy.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Rules across resources: each Deployment's Service, PDB and HPA, config references, ingress, topics. */
final class WiringRules {

    private WiringRules() {
    }

    static void check(ManifestCheck.Resources r, Expectations exp, List<String> v) {
        r.of(Secret.class).forEach(s -> v.add("Secret/" + s.getMetadata().getName()
                + ": Secrets are created out of band and referenced by name, never rendered from the repository"));
        Map<String, ConfigMap> configMaps = r.of(ConfigMap.class).stream()
                .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
        configMaps.values().forEach(c -> (c.getData() == null ? Map.<String, String>of() : c.getData()).keySet().stream()
                .filter(k -> ManifestCheck.SECRET_NAME.matcher(k).find())
                .forEach(k -> v.add("ConfigMap/" + c.getMetadata().getName() + ": key " + k + " is a secret; use a Secret")));
        for (Deployment d : r.of(Deployment.class)) {
            String name = d.getMetadata().getName();
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            Container app = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            configRefs("Deployment/" + name, app, configMaps, v);
            boolean served = r.of(Service.class).stream().anyMatch(s -> Selectors.matches(s.getSpec().getSelector(), labels)
                    && s.getSpec().getPorts().stream().map(ServicePort::getTargetPort).anyMatch(p -> WorkloadRules.servesPort(app, p)));
            if (!served) {
                v.add("Deployment/" + name + ": no Service selects its pods with a targetPort of its container");
            }
            if (r.of(PodDisruptionBudget.class).stream().noneMatch(p -> Selectors.matches(p.getSpec().getSelector(), labels,
                    "PodDisruptionBudget/" + p.getMetadata().getName(), v))) {
                v.add("Deployment/" + name + ": no PodDisruptionBudget selects its pods");
            }
            List<HorizontalPodAutoscaler> hpas = r.of(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                            && name.equals(h.getSpec().getScaleTargetRef().getName())).toList();
            if (hpas.size() != 1) {
                v.add("Deployment/" + name + ": needs exactly one HorizontalPodAutoscaler, has " + hpas.size());
            } else {
                autoscaler(name, hpas.get(0), exp, v);
                partitionsBound(name, hpas.get(0), r.of(KafkaTopic.class), exp, v);
            }
        }
        r.of(Service.class).stream().filter(s -> s.getSpec().getType() != null && !"ClusterIP".equals(s.getSpec().getType()))
                .forEach(s -> v.add("Service/" + s.getMetadata().getName() + ": only ClusterIP; outside traffic enters by the Ingress"));
        r.of(Ingress.class).forEach(i -> ingress(i, exp, v));
        r.of(KafkaTopic.class).forEach(t -> topic(t, v));
    }

    private static void configRefs(String where, Container c, Map<String, ConfigMap> configMaps, List<String> v) {
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null && !configMaps.containsKey(from.getConfigMapRef().getName())) {
                v.add(where + ": envFrom ConfigMap " + from.getConfigMapRef().getName() + " is not in the overlay");
            }
        }
        for (EnvVar e : c.getEnv()) {
            var ref = e.getValueFrom() == null ? null : e.getValueFrom().getConfigMapKeyRef();
            if (ref != null && (!configMaps.containsKey(ref.getName()) || configMaps.get(ref.getName()).getData() == null
                    || !configMaps.get(ref.getName()).getData().containsKey(ref.getKey()))) {
                v.add(where + ": env " + e.getName() + " refers to missing ConfigMap key " + ref.getName() + "/" + ref.getKey());
            }
        }
    }

    private static void autoscaler(String name, HorizontalPodAutoscaler h, Expectations exp, List<String> v) {
        String where = "HorizontalPodAutoscaler/" + h.getMetadata().getName();
        List<MetricSpec> metrics = h.getSpec().getMetrics() == null ? List.of() : h.getSpec().getMetrics();
        if (metrics.stream().noneMatch(m -> m.getResource() != null && "cpu".equals(m.getResource().getName()))) {
            v.add(where + ": needs a cpu Resource metric");
        }
        Expectations.ConsumerGroup lag = exp.lagByDeployment().get(name);
        if (lag != null && metrics.stream().noneMatch(m -> m.getExternal() != null
                && "kafka_consumergroup_lag".equals(m.getExternal().getMetric().getName())
                && m.getExternal().getMetric().getSelector() != null
                && Selectors.matches(Map.of("topic", lag.topic(), "consumergroup", lag.group()),
                m.getExternal().getMetric().getSelector().getMatchLabels()))) {
            v.add(where + ": " + name + " consumes " + lag.topic() + " as group " + lag.group()
                    + " and must scale on kafka_consumergroup_lag of that group and topic");
        }
        Integer min = h.getSpec().getMinReplicas();
        if (exp.production() && (min == null || min < 2)) {
            v.add(where + ": production needs minReplicas >= 2, has " + min);
        }
        if (h.getSpec().getMaxReplicas() == null || (min != null && h.getSpec().getMaxReplicas() < min)) {
            v.add(where + ": maxReplicas must be set and >= minReplicas");
        }
    }

    /** Consumers beyond the partition count get no partition: scaling there only adds idle pods. */
    private static void partitionsBound(String name, HorizontalPodAutoscaler h, List<KafkaTopic> topics, Expectations exp,
                                        List<String> v) {
        Expectations.ConsumerGroup lag = exp.lagByDeployment().get(name);
        if (lag == null) {
            return;
        }
        topics.stream().filter(t -> t.getSpec() != null && lag.topic().equals(t.getSpec().getTopicName())
                        && t.getSpec().getPartitions() != null && h.getSpec().getMaxReplicas() != null
                        && h.getSpec().getMaxReplicas() > t.getSpec().getPartitions())
                .forEach(t -> v.add("HorizontalPodAutoscaler/" + name + ": maxReplicas " + h.getSpec().getMaxReplicas()
                        + " exceeds the " + t.getSpec().getPartitions() + " partitions of " + lag.topic()));
    }

    private static void ingress(Ingress i, Expectations exp, List<String> v) {
        i.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().stream()
                .filter(p -> exp.publicPaths().stream().noneMatch(allowed -> p.getPath() != null
                        && (p.getPath().equals(allowed) || p.getPath().startsWith(allowed + "/"))))
                .forEach(p -> v.add("Ingress/" + i.getMetadata().getName() + ": path " + p.getPath()
                        + " is not public (only " + exp.publicPaths() + "; /actuator and /internal stay inside)")));
        List<IngressBackend> backends = new ArrayList<>();
        if (i.getSpec().getDefaultBackend() != null) {
            backends.add(i.getSpec().getDefaultBackend());
        }
        i.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(p -> backends.add(p.getBackend())));
        backends.stream().filter(b -> b.getService() == null || !exp.exposed().contains(b.getService().getName()))
                .forEach(b -> v.add("Ingress/" + i.getMetadata().getName() + ": routes to "
                        + (b.getService() == null ? "a non-Service backend" : b.getService().getName())
                        + "; only " + exp.exposed() + " may be exposed"));
    }

    private static void topic(KafkaTopic t, List<String> v) {
        String where = "KafkaTopic/" + t.getMetadata().getName();
        var spec = t.getSpec();
        if (spec == null || spec.getPartitions() == null || spec.getReplicas() == null || spec.getTopicName() == null) {
            v.add(where + ": topicName, partitions and replicas must be chosen explicitly");
            return;
        }
        Map<String, Object> config = spec.getConfig() == null ? Map.of() : spec.getConfig();
        if (!config.containsKey("retention.ms")) {
            v.add(where + ": retention.ms must be chosen explicitly");
        }
        if (config.get("min.insync.replicas") instanceof Number isr && isr.intValue() > spec.getReplicas()) {
            v.add(where + ": min.insync.replicas " + isr + " exceeds replicas " + spec.getReplicas());
        }
    }
}
