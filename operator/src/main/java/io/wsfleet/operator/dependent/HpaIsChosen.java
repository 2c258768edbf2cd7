package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;

/**
 * The HPA exists only while autoscaling is enabled with provider HPA; when the condition fails, JOSDK deletes it (with
 * provider KEDA, KEDA's own HPA takes its place: two HPAs on one target would fight).
 */
public class HpaIsChosen implements Condition<HorizontalPodAutoscaler, WebSocketCluster> {
    @Override
    public boolean isMet(DependentResource<HorizontalPodAutoscaler, WebSocketCluster> dependent, WebSocketCluster primary,
                         Context<WebSocketCluster> context) {
        return primary.getSpec().autoscaling().byHpa();
    }
}
