package org.openconnector.deploy.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules for each Deployment and its containers: image, probes, resources, secrets, shutdown, replicas. */
final class WorkloadRules {

    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    private static final Pattern SLEEP = Pattern.compile("\\bsleep\\s+(\\d+)");

    private WorkloadRules() {
    }

    static void check(ManifestCheck.Resources resources, Expectations exp, List<String> v) {
        for (Deployment d : resources.of(Deployment.class)) {
            String name = "Deployment/" + d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            if (pod.getSecurityContext() == null || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
                v.add(name + ": pod securityContext.runAsNonRoot must be true");
            }
            int preStop = pod.getContainers().stream().mapToInt(WorkloadRules::preStopSeconds).max().orElse(0);
            Long grace = pod.getTerminationGracePeriodSeconds();
            if (grace == null || grace <= exp.shutdownTimeoutSeconds() + preStop) {
                v.add(name + ": terminationGracePeriodSeconds (" + grace + ") must exceed the graceful-shutdown timeout ("
                        + exp.shutdownTimeoutSeconds() + " s) plus the preStop delay (" + preStop + " s)");
            }
            pod.getContainers().forEach(c -> container(name + " container " + c.getName(), c, v));
            if (exp.production()) {
                production(name, d, v);
            }
        }
    }

    private static void container(String where, Container c, List<String> v) {
        String image = c.getImage() == null ? "" : c.getImage();
        String tag = image.length() > Images.nameOf(image).length() ? image.substring(Images.nameOf(image).length()) : "";
        if (tag.isEmpty() || tag.equals(":latest")) {
            v.add(where + ": image '" + image + "' must carry a tag (not latest) or a digest");
        }
        probe(where, "startupProbe", c.getStartupProbe(), LIVENESS, c, v);
        probe(where, "livenessProbe", c.getLivenessProbe(), LIVENESS, c, v);
        probe(where, "readinessProbe", c.getReadinessProbe(), READINESS, c, v);
        Map<String, ?> requests = c.getResources() == null ? null : c.getResources().getRequests();
        Map<String, ?> limits = c.getResources() == null ? null : c.getResources().getLimits();
        for (String r : List.of("cpu", "memory")) {
            if (requests == null || !requests.containsKey(r)) {
                v.add(where + ": missing resources.requests." + r);
            }
            if (limits == null || !limits.containsKey(r)) {
                v.add(where + ": missing resources.limits." + r);
            }
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValue() != null && ManifestCheck.SECRET_NAME.matcher(e.getName()).find()) {
                v.add(where + ": env " + e.getName() + " inlines a secret value; use valueFrom.secretKeyRef");
            }
        }
        if (c.getSecurityContext() == null || !Boolean.FALSE.equals(c.getSecurityContext().getAllowPrivilegeEscalation())) {
            v.add(where + ": securityContext.allowPrivilegeEscalation must be false");
        }
    }

    private static void probe(String where, String kind, Probe p, String path, Container c, List<String> v) {
        if (p == null || p.getHttpGet() == null) {
            v.add(where + ": missing " + kind + " (httpGet " + path + ")");
            return;
        }
        if (!path.equals(p.getHttpGet().getPath())) {
            v.add(where + ": " + kind + " must probe " + path + ", probes " + p.getHttpGet().getPath());
        }
        if (!servesPort(c, p.getHttpGet().getPort())) {
            IntOrString port = p.getHttpGet().getPort();
            v.add(where + ": " + kind + " port " + (port == null ? null : port.getValue()) + " is not a port of the container");
        }
    }

    static boolean servesPort(Container c, IntOrString port) {
        for (ContainerPort cp : c.getPorts()) {
            if (port != null && (cp.getContainerPort().equals(port.getIntVal()) || (cp.getName() != null
                    && cp.getName().equals(port.getStrVal())))) {
                return true;
            }
        }
        return false;
    }

    private static int preStopSeconds(Container c) {
        if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null) {
            return 0;
        }
        var preStop = c.getLifecycle().getPreStop();
        if (preStop.getSleep() != null) {
            return preStop.getSleep().getSeconds().intValue();
        }
        if (preStop.getExec() != null) {
            Matcher m = SLEEP.matcher(String.join(" ", preStop.getExec().getCommand()));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
        return 0;
    }

    private static void production(String name, Deployment d, List<String> v) {
        Integer replicas = d.getSpec().getReplicas();
        if (replicas == null || replicas < 2) {
            v.add(name + ": production needs at least 2 replicas, has " + replicas);
        }
        DeploymentStrategy s = d.getSpec().getStrategy();
        IntOrString maxUnavailable = s == null || s.getRollingUpdate() == null ? null : s.getRollingUpdate().getMaxUnavailable();
        boolean zero = maxUnavailable != null && (Integer.valueOf(0).equals(maxUnavailable.getIntVal())
                || "0%".equals(maxUnavailable.getStrVal()));
        if (s == null || !"RollingUpdate".equals(s.getType()) || !zero) {
            v.add(name + ": production needs a RollingUpdate strategy with maxUnavailable 0");
        }
    }
}
