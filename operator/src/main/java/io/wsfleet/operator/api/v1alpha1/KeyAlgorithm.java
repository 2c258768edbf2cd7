package io.wsfleet.operator.api.v1alpha1;

/** Signature algorithms a public key verifies. */
public enum KeyAlgorithm {
    RS256, ES256
}
