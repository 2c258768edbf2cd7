package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.RedisModel;

/** The managed Redis's in-cluster address. */
@KubernetesDependent(informer = @Informer(labelSelector = RedisLabels.SELECTOR))
public class RedisServiceDependent extends CRUDKubernetesDependentResource<Service, WebSocketCluster> {

    @Override
    protected Service desired(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return RedisModel.service(primary);
    }
}
