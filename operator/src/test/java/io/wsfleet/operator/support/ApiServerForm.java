package io.wsfleet.operator.support;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicyBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategyBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/**
 * Rewrites an object as a real API server stores it, which the mock API server does not: quantities in
 * canonical form, defaulted fields filled in, addresses allocated, a finalizer of a cloud controller.
 */
public final class ApiServerForm {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** Quantities the tests write, and their canonical form. */
    private static final Map<String, String> CANONICAL = Map.of(
            "\"1000m\"", "\"1\"", "\"1024Mi\"", "\"1Gi\"", "\"2048Mi\"", "\"2Gi\"", "\"1000\"", "\"1k\"");

    private ApiServerForm() {
    }

    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> T of(T object) {
        String json = SERIALIZATION.asJson(object);
        for (var entry : CANONICAL.entrySet()) {
            json = json.replace(entry.getKey(), entry.getValue());
        }
        T stored = (T) SERIALIZATION.unmarshal(json, object.getClass());
        switch (stored) {
            case Deployment deployment -> {
                deployment.getSpec().setProgressDeadlineSeconds(600);
                deployment.getSpec().setRevisionHistoryLimit(10);
                pod(deployment.getSpec().getTemplate().getSpec());
            }
            case StatefulSet statefulSet -> {
                statefulSet.getSpec().setPodManagementPolicy("OrderedReady");
                statefulSet.getSpec().setRevisionHistoryLimit(10);
                statefulSet.getSpec().setUpdateStrategy(new StatefulSetUpdateStrategyBuilder().withType("RollingUpdate")
                        .withNewRollingUpdate().withPartition(0).endRollingUpdate().build());
                statefulSet.getSpec().setPersistentVolumeClaimRetentionPolicy(new StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                        .withWhenDeleted("Retain").withWhenScaled("Retain").build());
                statefulSet.getSpec().getVolumeClaimTemplates().forEach(claim -> {
                    claim.getSpec().setVolumeMode("Filesystem");
                    claim.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Pending").build());
                });
                pod(statefulSet.getSpec().getTemplate().getSpec());
            }
            case Service service -> {
                service.getMetadata().setFinalizers(List.of("service.kubernetes.io/load-balancer-cleanup"));
                // a headless Service keeps None
                String clusterIp = "None".equals(service.getSpec().getClusterIP()) ? "None" : "10.96.0.17";
                service.getSpec().setClusterIP(clusterIp);
                service.getSpec().setClusterIPs(List.of(clusterIp));
                service.getSpec().setIpFamilies(List.of("IPv4"));
                service.getSpec().setIpFamilyPolicy("SingleStack");
                service.getSpec().setInternalTrafficPolicy("Cluster");
                if ("LoadBalancer".equals(service.getSpec().getType())) {
                    service.getSpec().setAllocateLoadBalancerNodePorts(true);
                    service.getSpec().getPorts().forEach(port -> port.setNodePort(31443));
                }
            }
            case HorizontalPodAutoscaler hpa -> {
                // the API server fills in only what is absent
                if (hpa.getSpec().getBehavior().getScaleDown().getSelectPolicy() == null) {
                    hpa.getSpec().getBehavior().getScaleDown().setSelectPolicy("Max");
                }
                if (hpa.getSpec().getBehavior().getScaleUp() == null) {
                    hpa.getSpec().getBehavior().setScaleUp(new HPAScalingRulesBuilder().withStabilizationWindowSeconds(0)
                            .withSelectPolicy("Max").addNewPolicy().withType("Pods").withValue(4).withPeriodSeconds(15).endPolicy()
                            .addNewPolicy().withType("Percent").withValue(100).withPeriodSeconds(15).endPolicy().build());
                }
            }
            case GenericKubernetesResource scaledObject when "ScaledObject".equals(scaledObject.getKind()) -> {
                // what KEDA's controller adds: its finalizer, the label its metrics server selects by, and a status
                scaledObject.getMetadata().setFinalizers(List.of("finalizer.keda.sh"));
                scaledObject.getMetadata().getLabels().put("scaledobject.keda.sh/name", scaledObject.getMetadata().getName());
                scaledObject.getAdditionalProperties().put("status", Map.of("hpaName", "keda-hpa-" + scaledObject.getMetadata().getName(),
                        "conditions", List.of(Map.of("type", "Ready", "status", "True"))));
            }
            default -> {
            }
        }
        stored.getMetadata().setGeneration(stored.getMetadata().getGeneration() == null ? 1 : stored.getMetadata().getGeneration());
        return stored;
    }

    private static void pod(PodSpec pod) {
        pod.setDnsPolicy("ClusterFirst");
        pod.setRestartPolicy("Always");
        pod.setSchedulerName("default-scheduler");
        pod.getVolumes().forEach(volume -> {
            if (volume.getConfigMap() != null) {
                volume.getConfigMap().setDefaultMode(420);
            }
            if (volume.getSecret() != null) {
                volume.getSecret().setDefaultMode(420);
            }
        });
        for (Container container : pod.getContainers()) {
            container.setImagePullPolicy("IfNotPresent");
            container.setTerminationMessagePath("/dev/termination-log");
            container.setTerminationMessagePolicy("File");
            for (Probe probe : new Probe[] {container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()}) {
                if (probe != null) {
                    probe.setSuccessThreshold(1);
                    if (probe.getHttpGet() != null) {
                        probe.getHttpGet().setScheme("HTTP");
                    }
                }
            }
        }
    }
}
