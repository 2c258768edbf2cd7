package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.EdgeModel;

/** The Service clients connect to (an NLB by default). */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.CLIENT_SERVICE))
public class GatewayServiceDependent extends OwnedDependent<Service> {

    public GatewayServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return EdgeModel.service(primary);
    }
}
