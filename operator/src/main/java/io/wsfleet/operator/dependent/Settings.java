package io.wsfleet.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.OperatorSettings;

/** Hands the operator's settings to dependents, which JOSDK builds itself, through the reconciliation's context. */
public final class Settings {

    private Settings() {
    }

    public static void put(Context<WebSocketCluster> context, OperatorSettings settings) {
        context.managedWorkflowAndDependentResourceContext().put(OperatorSettings.class, settings);
    }

    static OperatorSettings of(Context<WebSocketCluster> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(OperatorSettings.class, OperatorSettings.class);
    }
}
