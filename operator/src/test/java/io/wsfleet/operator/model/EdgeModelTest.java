package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.ServiceSpec;
import io.wsfleet.operator.api.v1alpha1.ServiceType;
import io.wsfleet.operator.api.v1alpha1.TlsSpec;
import io.wsfleet.operator.api.v1alpha1.TlsMode;
import io.wsfleet.operator.api.v1alpha1.SessionAffinity;
import io.wsfleet.operator.api.v1alpha1.TrafficPolicy;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import org.junit.jupiter.api.Test;

class EdgeModelTest {

    @Test
    void theServiceIsTheSeedsNlbOnPort443ToTheGatewayPort() {
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        Service service = EdgeModel.service(cluster);

        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled", "true");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(443);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("ws");
        });
        assertThat(GatewayModel.deployment(cluster, OperatorSettings.defaults()).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
    }

    @Test
    void tlsAtTheLoadBalancerAddsTheCertificateAndAffinityIsOptional() {
        WebSocketCluster cluster = Clusters.of("prod", "chat", new WebSocketClusterSpec(null, null,
                new ServiceSpec(null, null, null, SessionAffinity.ClientIP, TrafficPolicy.Local), null, Clusters.jwtAuth(), null, null,
                new TlsSpec(TlsMode.LoadBalancer, null, "arn:aws:acm:eu-west-1:1:certificate/x"), null, null, null, null));
        Service service = EdgeModel.service(cluster);

        assertThat(service.getMetadata().getAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ssl-cert", "arn:aws:acm:eu-west-1:1:certificate/x")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-ssl-ports", "443")
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        assertThat(service.getSpec().getSessionAffinity()).isEqualTo("ClientIP");
        assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
    }

    @Test
    void theEndpointComesFromTheLoadBalancerAndNamesTheScheme() {
        WebSocketCluster plain = Clusters.minimal("prod", "chat");
        WebSocketCluster secure = Clusters.of("prod", "chat", new WebSocketClusterSpec(null, null, null, null,
                Clusters.jwtAuth(), null, null, new TlsSpec(TlsMode.Pod, "tls", null), null, null, null, null));

        assertThat(EdgeModel.endpoint(plain, null)).isEmpty();
        assertThat(EdgeModel.endpoint(plain, withIngress(null, null))).isEmpty();
        assertThat(EdgeModel.endpoint(secure, withIngress("a.elb.amazonaws.com", null))).contains("wss://a.elb.amazonaws.com/ws");
        assertThat(EdgeModel.endpoint(plain, withIngress(null, "203.0.113.7"))).contains("ws://203.0.113.7:443/ws");
    }

    @Test
    void withoutALoadBalancerTheEndpointIsTheServicesInClusterName() {
        WebSocketCluster internal = Clusters.of("prod", "chat", new WebSocketClusterSpec(null, null,
                new ServiceSpec(ServiceType.ClusterIP, null, 8080, null, null), null, Clusters.jwtAuth(), null, null, null, null, null, null, null));

        assertThat(EdgeModel.endpoint(internal, null)).isEmpty();
        assertThat(EdgeModel.endpoint(internal, EdgeModel.service(internal))).contains("ws://chat-gateway.prod.svc:8080/ws");
    }

    @Test
    void theHpaScalesTheClusterWithTheSeedsFigures() {
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        HorizontalPodAutoscaler hpa = EdgeModel.autoscaler(cluster);

        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("wsfleet.io/v1alpha1");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("WebSocketCluster");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("chat");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(10);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(100);
        assertThat(hpa.getSpec().getMetrics()).singleElement()
                .satisfies(metric -> assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(70));
        assertThat(hpa.getSpec().getBehavior()).as("paced by the drain").isEqualTo(DrainPacing.behavior(cluster.getSpec()));
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
    }

    @Test
    void connectionsPerPodAddsAPodsMetric() {
        WebSocketCluster cluster = Clusters.of("prod", "chat", new WebSocketClusterSpec(null,
                new AutoscalingSpec(true, 2, 20, 60, 5000, null, null, null), null, null, Clusters.jwtAuth(), null, null, null, null, null, null, null));

        assertThat(EdgeModel.autoscaler(cluster).getSpec().getMetrics()).hasSize(2).filteredOn(metric -> metric.getPods() != null)
                .singleElement().satisfies(metric -> {
            assertThat(metric.getPods().getMetric().getName()).isEqualTo("wsfleet_connections");
            assertThat(metric.getPods().getTarget().getAverageValue().toString()).isEqualTo("5000");
        });
    }

    @Test
    void theDisruptionBudgetSelectsTheGatewayPods() {
        WebSocketCluster cluster = Clusters.minimal("prod", "chat");
        PodDisruptionBudget pdb = EdgeModel.disruptionBudget(cluster);

        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).as("10% of the 10 minReplicas").isEqualTo(1);
        assertThat(GatewayModel.deployment(cluster, OperatorSettings.defaults()).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    }

    private static Service withIngress(String hostname, String ip) {
        return new ServiceBuilder().withNewStatus().withNewLoadBalancer()
                .addNewIngress().withHostname(hostname).withIp(ip).endIngress()
                .endLoadBalancer().endStatus().build();
    }
}
