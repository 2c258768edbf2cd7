package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.GatewayModel;
import java.util.HashMap;
import java.util.Map;

/** The gateway pods. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.SELECTOR))
public class GatewayDeploymentDependent extends OwnedDependent<Deployment> {

    public GatewayDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected Deployment build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return GatewayModel.deployment(primary, Settings.of(context));
    }

    /**
     * An update replaces the spec. Pod template annotations that others set are kept (kubectl rollout
     * restart's restartedAt: dropping it would roll the pods); the operator's own is replaced.
     */
    @Override
    public Deployment update(Deployment actual, Deployment desired, WebSocketCluster primary, Context<WebSocketCluster> context) {
        Map<String, String> annotations = new HashMap<>(actual.getSpec().getTemplate().getMetadata().getAnnotations());
        annotations.putAll(desired.getSpec().getTemplate().getMetadata().getAnnotations());
        desired.getSpec().getTemplate().getMetadata().setAnnotations(annotations);
        return super.update(actual, desired, primary, context);
    }
}
