package io.wsfleet.operator.api.v1alpha1;

/** Service session affinity. */
public enum SessionAffinity {
    None, ClientIP
}
