package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.AdminModel;

/** The NetworkPolicy that admits only the named namespaces to the admin port. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.SELECTOR))
public class AdminNetworkPolicyDependent extends OwnedDependent<NetworkPolicy> {

    public AdminNetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return AdminModel.networkPolicy(primary);
    }
}
