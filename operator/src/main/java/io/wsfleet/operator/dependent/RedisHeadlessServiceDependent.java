package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.RedisModel;

/** The DNS name of each Redis pod in Sentinel mode. */
@KubernetesDependent(informer = @Informer(labelSelector = RedisLabels.SELECTOR))
public class RedisHeadlessServiceDependent extends OwnedDependent<Service> {

    public RedisHeadlessServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return RedisModel.headlessService(primary);
    }
}
