package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.RedisModel;

/** The managed Redis's in-cluster address. */
@KubernetesDependent(informer = @Informer(labelSelector = RedisLabels.SELECTOR))
public class RedisServiceDependent extends OwnedDependent<Service> {

    public RedisServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return RedisModel.service(primary);
    }
}
