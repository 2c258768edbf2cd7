package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.RedisModel;

/** The managed Redis pod and its volume. */
@KubernetesDependent(informer = @Informer(labelSelector = RedisLabels.SELECTOR))
public class RedisStatefulSetDependent extends OwnedDependent<StatefulSet> {

    public RedisStatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    protected StatefulSet build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return RedisModel.statefulSet(primary, Settings.of(context));
    }
}
