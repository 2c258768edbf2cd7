package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.RedisModel;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The managed Redis password: created once, never updated (no Updater), so it never changes under running pods. */
@KubernetesDependent(informer = @Informer(labelSelector = RedisLabels.SELECTOR))
public class RedisSecretDependent extends KubernetesDependentResource<Secret, WebSocketCluster>
        implements Creator<Secret, WebSocketCluster> {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected Secret desired(WebSocketCluster primary, Context<WebSocketCluster> context) {
        byte[] password = new byte[32];
        RANDOM.nextBytes(password);
        return RedisModel.secret(primary, HexFormat.of().formatHex(password));
    }
}
