package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import java.util.Objects;

/** The managed Redis: its password Secret, a one-pod StatefulSet with a volume, and its Service. */
public final class RedisModel {

    public static final int PORT = 6379;
    public static final String PASSWORD_KEY = "password";
    /** The uid of the redis user in the official images. */
    static final long REDIS_UID = 999L;

    private RedisModel() {
    }

    /** The password Secret; the password is chosen by the caller once, at creation. */
    public static Secret secret(WebSocketCluster resource, String password) {
        ClusterNames names = ClusterNames.of(resource);
        return new SecretBuilder()
                .withMetadata(names.metadata(names.redisSecret(), ClusterNames.REDIS))
                .withType("Opaque")
                .addToStringData(PASSWORD_KEY, password)
                .build();
    }

    public static StatefulSet statefulSet(WebSocketCluster resource, OperatorSettings settings) {
        ClusterNames names = ClusterNames.of(resource);
        // JOSDK builds the desired object to find the one to delete too, after a switch to an external Redis
        ManagedRedisSpec redis = Objects.requireNonNullElseGet(resource.getSpec().redis().managed(),
                () -> new ManagedRedisSpec(null, null, null, null));
        return new StatefulSetBuilder()
                .withMetadata(names.metadata(names.redis(), ClusterNames.REDIS))
                .withNewSpec()
                    .withReplicas(1)
                    .withServiceName(names.redis())
                    .withNewSelector().withMatchLabels(names.selector(ClusterNames.REDIS)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(names.labels(ClusterNames.REDIS)).endMetadata()
                        .withNewSpec()
                            .withEnableServiceLinks(false)
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true).withRunAsUser(REDIS_UID).withRunAsGroup(REDIS_UID).withFsGroup(REDIS_UID)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            .addNewContainer()
                                .withName("redis")
                                .withImage(OperatorSettings.orDefault(redis.image(), settings.redisImage()))
                                // the image's entrypoint passes arguments starting with -- to redis-server
                                .withArgs("--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes", "--dir", "/data")
                                .addNewEnv().withName("REDIS_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                                    .withName(names.redisSecret()).withKey(PASSWORD_KEY).endSecretKeyRef().endValueFrom().endEnv()
                                .addNewPort().withName("redis").withContainerPort(PORT).endPort()
                                .withResources(redis.resources())
                                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                                    .withPeriodSeconds(5).endReadinessProbe()
                                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                                    .withPeriodSeconds(10).withFailureThreshold(3).endLivenessProbe()
                                .withNewSecurityContext()
                                    .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                                .endSecurityContext()
                                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                    .addNewVolumeClaimTemplate()
                        .withNewMetadata().withName("data").withLabels(names.labels(ClusterNames.REDIS)).endMetadata()
                        .withNewSpec()
                            .withAccessModes("ReadWriteOnce")
                            .withStorageClassName(redis.storageClassName())
                            .withNewResources().addToRequests("storage", new Quantity(redis.storage())).endResources()
                        .endSpec()
                    .endVolumeClaimTemplate()
                .endSpec()
                .build();
    }

    public static Service service(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        return new ServiceBuilder()
                .withMetadata(names.metadata(names.redis(), ClusterNames.REDIS))
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(names.selector(ClusterNames.REDIS))
                    .addNewPort().withName("redis").withPort(PORT).withTargetPort(new IntOrString("redis")).endPort()
                .endSpec()
                .build();
    }
}
