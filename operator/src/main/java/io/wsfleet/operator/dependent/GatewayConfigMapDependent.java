package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.GatewayModel;

/** The gateways' watched configuration file; updating it does not restart them. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.SELECTOR))
public class GatewayConfigMapDependent extends OwnedDependent<ConfigMap> {

    public GatewayConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return GatewayModel.configMap(primary);
    }
}
