package io.wsfleet.operator.api.v1alpha1;

/** What scales the gateways: the operator's HorizontalPodAutoscaler, or a KEDA ScaledObject (KEDA then owns an HPA of its own). */
public enum AutoscalerProvider {
    HPA, KEDA
}
