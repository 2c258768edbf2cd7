package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;

/** The admin NetworkPolicy exists only while spec.admin.allowedNamespaces names some; when it names none, JOSDK deletes it. */
public class AdminNamespacesAreNamed implements Condition<NetworkPolicy, WebSocketCluster> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, WebSocketCluster> dependent, WebSocketCluster primary,
                         Context<WebSocketCluster> context) {
        return !primary.getSpec().admin().allowedNamespaces().isEmpty();
    }
}
