package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;

/** The dependents of Sentinel mode exist only while the operator runs Redis with replicas. */
public class RedisHasSentinels implements Condition<HasMetadata, WebSocketCluster> {
    @Override
    public boolean isMet(DependentResource<HasMetadata, WebSocketCluster> dependent, WebSocketCluster primary,
                         Context<WebSocketCluster> context) {
        return primary.getSpec().redis().managedByOperator() && primary.getSpec().redis().managed().sentinel();
    }
}
