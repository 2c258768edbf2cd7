package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.GatewayModel;

/** The gateway pods. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.SELECTOR))
public class GatewayDeploymentDependent extends CRUDKubernetesDependentResource<Deployment, WebSocketCluster> {

    @Override
    protected Deployment desired(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return GatewayModel.deployment(primary, Settings.of(context));
    }

    /**
     * An update replaces the spec; when the HPA owns the replica count the desired spec has none,
     * and the API server would reset it to 1. Keep the count the HPA chose.
     */
    @Override
    public Deployment update(Deployment actual, Deployment desired, WebSocketCluster primary, Context<WebSocketCluster> context) {
        if (desired.getSpec().getReplicas() == null && actual.getSpec() != null) {
            desired.getSpec().setReplicas(actual.getSpec().getReplicas());
        }
        return super.update(actual, desired, primary, context);
    }
}
