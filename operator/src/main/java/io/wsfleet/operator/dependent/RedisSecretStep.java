package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.ClusterNames;
import io.wsfleet.operator.model.RedisModel;
import java.net.HttpURLConnection;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The managed Redis password: created once if absent, never updated, so it never changes under running
 * pods. Read by name rather than through an informer, so the operator needs only get and create on
 * Secrets: it never lists or watches them.
 */
public final class RedisSecretStep {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RedisSecretStep() {
    }

    public static void reconcile(WebSocketCluster primary, KubernetesClient client) {
        if (!primary.getSpec().redis().managedByOperator()) {
            return;
        }
        ClusterNames names = ClusterNames.of(primary);
        Resource<Secret> secret = client.secrets().inNamespace(names.namespace()).withName(names.redisSecret());
        if (secret.get() != null) {
            return;
        }
        byte[] password = new byte[32];
        RANDOM.nextBytes(password);
        try {
            client.resource(RedisModel.secret(primary, HexFormat.of().formatHex(password))).create();
        } catch (KubernetesClientException e) {
            // created meanwhile (by the previous leader, say): that password stands
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
    }
}
