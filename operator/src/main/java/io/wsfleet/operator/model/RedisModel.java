package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import java.util.List;
import java.util.Objects;

/**
 * The managed Redis: its password Secret, a StatefulSet with a volume per pod, its Services and its
 * disruption budget.
 */
public final class RedisModel {

    public static final int PORT = 6379;
    public static final String PASSWORD_KEY = "password";
    public static final int SENTINEL_PORT = 26379;
    /** The name the Sentinels know the master by. */
    public static final String MASTER_NAME = "wsfleet";
    static final String DATA_DIR = "/data";
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

    /**
     * One pod, or in Sentinel mode an odd number of pods, each with a Redis server and a Sentinel; each pod has
     * its own data volume.
     */
    public static StatefulSet statefulSet(WebSocketCluster resource, OperatorSettings settings) {
        ClusterNames names = ClusterNames.of(resource);
        ManagedRedisSpec redis = managed(resource);
        String image = OperatorSettings.orDefault(redis.image(), settings.redisImage());
        ContainerBuilder server = new ContainerBuilder()
                .withName("redis")
                .withImage(image)
                .addNewPort().withName("redis").withContainerPort(PORT).endPort()
                .withResources(redis.resources())
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                    .withPeriodSeconds(5).endReadinessProbe()
                .withNewLivenessProbe().withNewTcpSocket().withPort(new IntOrString("redis")).endTcpSocket()
                    .withPeriodSeconds(10).withFailureThreshold(3).endLivenessProbe()
                .withSecurityContext(containerSecurity())
                .addNewVolumeMount().withName("data").withMountPath(DATA_DIR).endVolumeMount();
        List<Container> containers = redis.sentinel()
                ? List.of(SentinelMode.server(server, names, redis), SentinelMode.sentinel(image, names, redis))
                : List.of(server
                        // the image's entrypoint passes arguments starting with -- to redis-server
                        .withArgs("--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes", "--dir", DATA_DIR)
                        .withEnv(passwordEnv(names))
                        .build());
        return new StatefulSetBuilder()
                .withMetadata(names.metadata(names.redis(), ClusterNames.REDIS))
                .withNewSpec()
                    .withReplicas(redis.replicas())
                    // Sentinel mode needs a DNS name per pod, which only a headless governing Service gives
                    .withServiceName(redis.sentinel() ? names.redisHeadless() : names.redis())
                    .withNewSelector().withMatchLabels(names.selector(ClusterNames.REDIS)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(names.labels(ClusterNames.REDIS)).endMetadata()
                        .withNewSpec()
                            .withEnableServiceLinks(false)
                            .withNewSecurityContext()
                                .withRunAsNonRoot(true).withRunAsUser(REDIS_UID).withRunAsGroup(REDIS_UID).withFsGroup(REDIS_UID)
                                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                            .endSecurityContext()
                            // a node's drain or failure then takes one pod of the set; null, not empty, for a single
                            // pod (here and below): the API server stores an empty list as none
                            .withTopologySpreadConstraints(redis.sentinel() ? List.of(Spread.over(Spread.NODES, names, ClusterNames.REDIS)) : null)
                            .withContainers(containers)
                            .withVolumes(redis.sentinel()
                                    ? List.of(new VolumeBuilder().withName(SentinelMode.SENTINEL_VOLUME).withNewEmptyDir().endEmptyDir().build())
                                    : null)
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

    /** The Redis servers' address for a single pod; in Sentinel mode, where a server may be a replica, the Sentinels'. */
    public static Service service(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        ServicePort port = managed(resource).sentinel()
                ? new ServicePortBuilder().withName("sentinel").withPort(SENTINEL_PORT).withTargetPort(new IntOrString("sentinel")).build()
                : new ServicePortBuilder().withName("redis").withPort(PORT).withTargetPort(new IntOrString("redis")).build();
        return new ServiceBuilder()
                .withMetadata(names.metadata(names.redis(), ClusterNames.REDIS))
                .withNewSpec()
                    .withType("ClusterIP")
                    .withSelector(names.selector(ClusterNames.REDIS))
                    .withPorts(port)
                .endSpec()
                .build();
    }

    /**
     * Sentinel mode's governing Service: a DNS name per pod, published before the pod is ready, since the
     * Sentinels and replicas of a starting set must reach each other to become ready at all.
     */
    public static Service headlessService(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        return new ServiceBuilder()
                .withMetadata(names.metadata(names.redisHeadless(), ClusterNames.REDIS))
                .withNewSpec()
                    .withClusterIP("None")
                    .withPublishNotReadyAddresses(true)
                    .withSelector(names.selector(ClusterNames.REDIS))
                    .addNewPort().withName("redis").withPort(PORT).withTargetPort(new IntOrString("redis")).endPort()
                    .addNewPort().withName("sentinel").withPort(SENTINEL_PORT).withTargetPort(new IntOrString("sentinel")).endPort()
                .endSpec()
                .build();
    }

    /**
     * Voluntary evictions (node drains) of Redis pods: none of a single pod, which would take every gateway's
     * Redis away (the drain waits until an administrator moves it, docs/operations.md); one at a time in
     * Sentinel mode, where the others keep a quorum and a master.
     */
    public static PodDisruptionBudget disruptionBudget(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        return new PodDisruptionBudgetBuilder()
                .withMetadata(names.metadata(names.redis(), ClusterNames.REDIS))
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(managed(resource).sentinel() ? 1 : 0))
                    .withNewSelector().withMatchLabels(names.selector(ClusterNames.REDIS)).endSelector()
                .endSpec()
                .build();
    }

    /**
     * The Redis pods that must be ready for Redis to serve: one; in Sentinel mode a majority, which both agrees
     * that a master is down and elects the Sentinel that fails over.
     */
    public static int quorum(ManagedRedisSpec redis) {
        return redis.replicas() / 2 + 1;
    }

    static EnvVar passwordEnv(ClusterNames names) {
        return new EnvVarBuilder().withName("REDIS_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName(names.redisSecret()).withKey(PASSWORD_KEY).endSecretKeyRef().endValueFrom().build();
    }

    static SecurityContext containerSecurity() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .build();
    }

    // JOSDK builds the desired objects to find the ones to delete too, after a switch to an external Redis
    private static ManagedRedisSpec managed(WebSocketCluster resource) {
        return Objects.requireNonNullElseGet(resource.getSpec().redis().managed(),
                () -> new ManagedRedisSpec(null, null, null, null, null));
    }
}
