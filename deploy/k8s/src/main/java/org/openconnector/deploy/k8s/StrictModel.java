package org.openconnector.deploy.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Parses rendered resources into the Kubernetes model classes (fabric8; Strimzi's for KafkaTopic)
 * strictly. The model classes accept unknown fields into an {@code additionalProperties} map (so a
 * newer API never breaks a client), which would let a typo such as {@code replica:} pass; here any
 * non-empty additionalProperties anywhere in the object graph is an error, as are unknown kinds and
 * scalars of the wrong type ({@code replicas: "2"}, {@code FLAG: true} in a ConfigMap's data).
 */
public final class StrictModel {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

    private static final ObjectMapper MAPPER = strictMapper();

    private StrictModel() {
    }

    /** The typed resource; problems (unknown kind, wrong type, unknown field) are added to {@code violations}. */
    public static HasMetadata parse(Map<String, Object> resource, List<String> violations) {
        Object name = resource.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null;
        String id = resource.get("apiVersion") + "/" + resource.get("kind");
        Class<? extends HasMetadata> type = KINDS.get(id);
        if (type == null) {
            violations.add(id + " " + name + ": kind is not one of the checked kinds " + KINDS.keySet());
            return null;
        }
        try {
            HasMetadata typed = MAPPER.convertValue(resource, type);
            unknownFields(typed, resource.get("kind") + "/" + name, violations);
            return typed;
        } catch (IllegalArgumentException e) {
            violations.add(id + " " + name + ": does not match the model: " + e.getMessage());
            return null;
        }
    }

    private static void unknownFields(Object value, String path, List<String> violations) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, violations));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object v : list) {
                unknownFields(v, path + "[" + i++ + "]", violations);
            }
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        for (Class<?> c = value.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                Object child = read(f, value);
                if (f.getName().equals("additionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        violations.add(path + ": unknown field(s) " + extra.keySet());
                    }
                } else if (!isFreeForm(value, f)) {
                    unknownFields(child, path + "." + f.getName(), violations);
                }
            }
        }
    }

    /** Maps whose keys are data, not schema (KafkaTopic config): their values may be anything. */
    private static boolean isFreeForm(Object owner, Field f) {
        return owner.getClass().getPackageName().startsWith("io.strimzi") && f.getName().equals("config");
    }

    private static Object read(Field f, Object owner) {
        try {
            return f.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        // Scalars of the wrong type are errors, as the API server would reject them.
        fail(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer);
        fail(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        return mapper;
    }

    private static void fail(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
