package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.GatewayModel;
import java.util.HashMap;
import java.util.Map;

/** The gateway pods. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.SELECTOR))
public class GatewayDeploymentDependent extends CRUDKubernetesDependentResource<Deployment, WebSocketCluster> {

    @Override
    protected Deployment desired(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return GatewayModel.deployment(primary, Settings.of(context));
    }

    /**
     * An update replaces the spec. Two things in it belong to others and are kept: the replica count
     * the HPA chose (the desired spec has none, and the API server would reset it to 1), and pod
     * template annotations (kubectl rollout restart's restartedAt: dropping it would roll the pods).
     */
    @Override
    public Deployment update(Deployment actual, Deployment desired, WebSocketCluster primary, Context<WebSocketCluster> context) {
        if (desired.getSpec().getReplicas() == null) {
            desired.getSpec().setReplicas(actual.getSpec().getReplicas());
        }
        Map<String, String> annotations = new HashMap<>(actual.getSpec().getTemplate().getMetadata().getAnnotations());
        annotations.putAll(desired.getSpec().getTemplate().getMetadata().getAnnotations());
        desired.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
        return super.update(actual, desired, primary, context);
    }
}
