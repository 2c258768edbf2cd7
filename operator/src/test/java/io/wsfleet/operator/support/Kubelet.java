package io.wsfleet.operator.support;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Plays the parts of a real cluster that the mock API server lacks: controllers that report
 * pods ready, and the cloud controller that gives a load balancer its address.
 */
public record Kubelet(KubernetesClient client, String namespace) {

    /** Reports this many gateway pods, all ready (the Deployment's spec.replicas, or the HPA's choice when it has none). */
    public void gatewayPodsReady(String deployment, int pods) {
        client.apps().deployments().inNamespace(namespace).withName(deployment).editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withReplicas(pods).withReadyReplicas(pods)
                    .withUpdatedReplicas(pods).withAvailableReplicas(pods).build());
            return d;
        });
    }

    /** Reports this many Redis pods, all ready. */
    public void redisReady(String statefulSet, int pods) {
        client.apps().statefulSets().inNamespace(namespace).withName(statefulSet).editStatus(s -> {
            s.setStatus(new StatefulSetStatusBuilder().withReplicas(pods).withReadyReplicas(pods).build());
            return s;
        });
    }

    /** The pods the StatefulSet controller would create, named by ordinal and owned by the StatefulSet. */
    public void redisPods(String statefulSet, int pods) {
        StatefulSet owner = client.apps().statefulSets().inNamespace(namespace).withName(statefulSet).get();
        for (int ordinal = 0; ordinal < pods; ordinal++) {
            client.pods().inNamespace(namespace).resource(new PodBuilder()
                    .withNewMetadata().withName(statefulSet + "-" + ordinal).withLabels(owner.getSpec().getSelector().getMatchLabels())
                        .addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName(statefulSet)
                            .withUid(owner.getMetadata().getUid()).withController(true).endOwnerReference()
                    .endMetadata()
                    .withSpec(owner.getSpec().getTemplate().getSpec())
                    .build()).create();
        }
    }

    public void loadBalancerAddress(String service, String hostname) {
        client.services().inNamespace(namespace).withName(service).editStatus(s -> {
            s.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                    .withIngress(new LoadBalancerIngressBuilder().withHostname(hostname).build()).endLoadBalancer().build());
            return s;
        });
    }
}
