package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.RedisModel;
import java.net.HttpURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed Redis pods and their volumes. A change of what the API server refuses to update in a
 * StatefulSet (storage, storage class, the governing Service of Sentinel mode) replaces the StatefulSet:
 * it is deleted with orphan propagation, so that its pods keep running and its volumes stay, and created
 * anew; the new one adopts the pods, and rolls them only if their template changed too.
 */
@KubernetesDependent(informer = @Informer(labelSelector = RedisLabels.SELECTOR))
public class RedisStatefulSetDependent extends OwnedDependent<StatefulSet> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStatefulSetDependent.class);

    public RedisStatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    protected StatefulSet build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return RedisModel.statefulSet(primary, Settings.of(context));
    }

    @Override
    public StatefulSet update(StatefulSet actual, StatefulSet desired, WebSocketCluster primary, Context<WebSocketCluster> context) {
        FixedStatefulSetFields live = FixedStatefulSetFields.of(actual);
        FixedStatefulSetFields wanted = FixedStatefulSetFields.of(desired);
        if (live.equals(wanted)) {
            return super.update(actual, desired, primary, context);
        }
        LOG.info("Replacing StatefulSet {}/{}, keeping its pods and volumes: {} cannot change to {} in place",
                actual.getMetadata().getNamespace(), actual.getMetadata().getName(), live, wanted);
        context.getClient().resource(actual).withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        try {
            return create(desired, primary, context);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // the API server removes the old one once its pods are orphaned; the retry creates the new one
            throw new IllegalStateException("the Redis StatefulSet is being replaced to apply its new volume or Service settings"
                    + " (its pods and volumes stay); waiting for the old one to go", e);
        }
    }
}
