package io.wsfleet.operator.support;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.wsfleet.operator.api.v1alpha1.AuthSpec;
import io.wsfleet.operator.api.v1alpha1.SecretKeyRef;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;

/** WebSocketCluster resources for tests. */
public final class Clusters {

    /** A spec merge patch: KEDA scales the cluster on 5 000 connections per pod, asking an in-cluster Prometheus. */
    public static final String KEDA_PATCH = "{\"autoscaling\":{\"enabled\":true,\"provider\":\"KEDA\",\"targetConnectionsPerPod\":5000,"
            + "\"keda\":{\"serverAddress\":\"http://prometheus.monitoring.svc:9090\"}}}";

    private Clusters() {
    }

    /** Everything defaulted except the required auth section. */
    public static WebSocketCluster minimal(String namespace, String name) {
        return of(namespace, name, new WebSocketClusterSpec(null, null, null, null, jwtAuth(), null, null, null, null, null, null, null));
    }

    public static WebSocketCluster of(String namespace, String name, WebSocketClusterSpec spec) {
        WebSocketCluster resource = new WebSocketCluster();
        resource.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withGeneration(1L).build());
        resource.setSpec(spec);
        return resource;
    }

    public static AuthSpec jwtAuth() {
        return new AuthSpec(new SecretKeyRef("chat-jwt", "secret"), null, null, null, null, null, null);
    }

    /** Keys from an identity provider's JSON Web Key Set, with the default algorithm (RS256). */
    public static AuthSpec jwksAuth(String uri) {
        return new AuthSpec(null, null, uri, null, null, null, null);
    }
}
