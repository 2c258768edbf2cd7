package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.AdminModel;
import io.wsfleet.operator.model.ClusterNames;
import io.wsfleet.operator.model.KedaModel;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An optional object of a kind that another project defines (the Prometheus Operator's ServiceMonitor, KEDA's
 * ScaledObject). It is written with the client at each reconciliation rather than as a JOSDK dependent: the kind's CRD
 * may be absent, and an informer on a missing kind would keep the operator unhealthy. Compared and updated like the
 * other objects, and deleted when the spec no longer asks for it.
 */
public final class CustomKindStep {

    public static final CustomKindStep SERVICE_MONITOR = new CustomKindStep(
            kind("monitoring.coreos.com", "v1", AdminModel.SERVICE_MONITOR_KIND, "servicemonitors"),
            "spec.admin.serviceMonitor is set", "the Prometheus Operator's CRDs",
            primary -> primary.getSpec().admin().serviceMonitor() ? Optional.of(AdminModel.serviceMonitor(primary)) : Optional.empty());
    public static final CustomKindStep SCALED_OBJECT = new CustomKindStep(
            kind("keda.sh", "v1alpha1", KedaModel.KIND, "scaledobjects"),
            "spec.autoscaling.provider is KEDA", "KEDA, or switch to provider HPA: nothing scales the gateways meanwhile",
            primary -> primary.getSpec().autoscaling().byKeda() ? Optional.of(KedaModel.scaledObject(primary)) : Optional.empty());

    private static final Logger LOG = LoggerFactory.getLogger(CustomKindStep.class);

    private final ResourceDefinitionContext kind;
    private final String wantedBecause;
    private final String install;
    private final Function<WebSocketCluster, Optional<GenericKubernetesResource>> desired;

    private CustomKindStep(ResourceDefinitionContext kind, String wantedBecause, String install,
                           Function<WebSocketCluster, Optional<GenericKubernetesResource>> desired) {
        this.kind = kind;
        this.wantedBecause = wantedBecause;
        this.install = install;
        this.desired = desired;
    }

    /** Named in full, so that the client asks no discovery question (and needs no permission for one). */
    private static ResourceDefinitionContext kind(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    public void reconcile(WebSocketCluster primary, KubernetesClient client) {
        ClusterNames names = ClusterNames.of(primary);
        var objects = client.genericKubernetesResources(kind).inNamespace(names.namespace());
        Resource<GenericKubernetesResource> object = objects.withName(names.gateway());
        try {
            GenericKubernetesResource live = object.get();
            Optional<GenericKubernetesResource> wanted = desired.apply(primary).map(OwnedFields::stamp);
            if (wanted.isEmpty()) {
                // once asked, the deletion waits for the kind's own controller (KEDA's finalizer removes its HPA first)
                if (live != null && live.getMetadata().getDeletionTimestamp() == null) {
                    object.delete();
                }
                return;
            }
            if (live == null) {
                objects.resource(wanted.get()).create();
            } else if (!OwnedFields.held(live, wanted.get())) {
                GenericKubernetesResource updated = OwnedFields.withoutDisowned(live, wanted.get());
                updated.setAdditionalProperties(wanted.get().getAdditionalProperties());
                updated.getMetadata().getLabels().putAll(wanted.get().getMetadata().getLabels());
                updated.getMetadata().getAnnotations().putAll(wanted.get().getMetadata().getAnnotations());
                objects.resource(updated).update();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            LOG.warn("{} but the API server has no {} (install {})", wantedBecause, kind.getKind(), install);
        }
    }
}
