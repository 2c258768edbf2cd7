package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;

/**
 * An object the operator creates, updates and lets Kubernetes delete with its cluster, compared by
 * {@link OwnedFields}: a spec edit that only removes something is applied, and what others add is left alone.
 * JOSDK's update (create/update mode) then replaces the object's top-level content (spec, data) with the
 * desired one and merges labels and annotations into the live metadata.
 */
abstract class OwnedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, WebSocketCluster> {

    OwnedDependent(Class<R> type) {
        super(type);
    }

    /** The object as the model builds it from the spec. */
    protected abstract R build(WebSocketCluster primary, Context<WebSocketCluster> context);

    @Override
    protected final R desired(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return OwnedFields.stamp(build(primary, context));
    }

    @Override
    public Result<R> match(R actual, R desired, WebSocketCluster primary, Context<WebSocketCluster> context) {
        return Result.computed(OwnedFields.held(actual, desired), desired);
    }

    @Override
    public R update(R actual, R desired, WebSocketCluster primary, Context<WebSocketCluster> context) {
        return super.update(OwnedFields.withoutDisowned(actual, desired), desired, primary, context);
    }
}
