package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.AdminModel;
import io.wsfleet.operator.model.ClusterNames;
import java.net.HttpURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional ServiceMonitor. It is written with the client at each reconciliation rather than as a
 * JOSDK dependent: its CRD belongs to the Prometheus Operator and may be absent, and an informer on a
 * missing kind would keep the operator unhealthy. Compared and updated like the other objects.
 */
public final class ServiceMonitorStep {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMonitorStep.class);
    /** Named in full, so that the client asks no discovery question (and needs no permission for one). */
    private static final ResourceDefinitionContext KIND = new ResourceDefinitionContext.Builder()
            .withGroup("monitoring.coreos.com").withVersion("v1").withKind(AdminModel.SERVICE_MONITOR_KIND)
            .withPlural("servicemonitors").withNamespaced(true).build();

    private ServiceMonitorStep() {
    }

    public static void reconcile(WebSocketCluster primary, KubernetesClient client) {
        ClusterNames names = ClusterNames.of(primary);
        var monitors = client.genericKubernetesResources(KIND).inNamespace(names.namespace());
        Resource<GenericKubernetesResource> monitor = monitors.withName(names.gateway());
        try {
            GenericKubernetesResource live = monitor.get();
            if (!primary.getSpec().admin().serviceMonitor()) {
                if (live != null) {
                    monitor.delete();
                }
                return;
            }
            GenericKubernetesResource desired = OwnedFields.stamp(AdminModel.serviceMonitor(primary));
            if (live == null) {
                monitors.resource(desired).create();
            } else if (!OwnedFields.held(live, desired)) {
                GenericKubernetesResource updated = OwnedFields.withoutDisowned(live, desired);
                updated.setAdditionalProperties(desired.getAdditionalProperties());
                updated.getMetadata().getLabels().putAll(desired.getMetadata().getLabels());
                updated.getMetadata().getAnnotations().putAll(desired.getMetadata().getAnnotations());
                monitors.resource(updated).update();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            LOG.warn("spec.admin.serviceMonitor is set but the API server has no {} (install the Prometheus Operator's CRDs)",
                    AdminModel.SERVICE_MONITOR_KIND);
        }
    }
}
