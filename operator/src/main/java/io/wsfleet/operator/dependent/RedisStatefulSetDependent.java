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
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed Redis pods and their volumes. A change of what the API server refuses to update in a
 * StatefulSet (storage, storage class, the governing Service of Sentinel mode) replaces the StatefulSet:
 * it is deleted and created anew, its volumes untouched. For storage the deletion orphans the pods, which
 * keep running; the new StatefulSet adopts them and rolls them only if their template changed too. A new
 * governing Service (Sentinel mode on or off) takes the pods with the old StatefulSet.
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
        // A pod takes its DNS name under the governing Service when it is created, and Sentinel mode's pods find each
        // other by those names: a new governing Service needs new pods (an orphaned old pod 0 would have no name that
        // its new peers could reach, and their start would wait on it for ever). Anything else keeps the pods.
        boolean newPods = !Objects.equals(live.serviceName(), wanted.serviceName());
        LOG.info("Replacing StatefulSet {}/{}, keeping its volumes{}: {} cannot change to {} in place", actual.getMetadata().getNamespace(),
                actual.getMetadata().getName(), newPods ? " (its pods are created again)" : " and its pods", live, wanted);
        context.getClient().resource(actual)
                .withPropagationPolicy(newPods ? DeletionPropagation.BACKGROUND : DeletionPropagation.ORPHAN).delete();
        try {
            return create(desired, primary, context);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // the API server removes the old one once its pods are orphaned; the retry creates the new one
            throw new IllegalStateException("the Redis StatefulSet is being replaced to apply its new volume or Service settings"
                    + " (its volumes stay); waiting for the old one to go", e);
        }
    }
}
