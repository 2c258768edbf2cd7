package io.wsfleet.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The objects whose state the status reports; null when absent. */
record Observed(StatefulSet redis, Deployment gateway, Service service) {
}
