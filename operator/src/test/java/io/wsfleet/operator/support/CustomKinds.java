package io.wsfleet.operator.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The kinds of other projects that the operator writes (no typed model, no discovery on the mock API server). */
public final class CustomKinds {

    public static final ResourceDefinitionContext SERVICE_MONITORS = kind("monitoring.coreos.com", "v1", "ServiceMonitor", "servicemonitors");
    public static final ResourceDefinitionContext SCALED_OBJECTS = kind("keda.sh", "v1alpha1", "ScaledObject", "scaledobjects");

    private CustomKinds() {
    }

    public static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> in(
            KubernetesClient client, ResourceDefinitionContext kind, String namespace) {
        return client.genericKubernetesResources(kind).inNamespace(namespace);
    }

    private static ResourceDefinitionContext kind(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind).withPlural(plural)
                .withNamespaced(true).build();
    }
}
