package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.EdgeModel;

/** The gateways' HorizontalPodAutoscaler. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.SELECTOR))
public class AutoscalerDependent extends OwnedDependent<HorizontalPodAutoscaler> {

    public AutoscalerDependent() {
        super(HorizontalPodAutoscaler.class);
    }

    @Override
    protected HorizontalPodAutoscaler build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return EdgeModel.autoscaler(primary);
    }
}
