package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.EdgeModel;

/** The gateways' PodDisruptionBudget. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.SELECTOR))
public class DisruptionBudgetDependent extends OwnedDependent<PodDisruptionBudget> {

    public DisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    protected PodDisruptionBudget build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return EdgeModel.disruptionBudget(primary);
    }
}
