package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.wsfleet.operator.api.v1alpha1.SchedulingSpec;
import io.wsfleet.operator.api.v1alpha1.SecretKeyRef;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import java.util.ArrayList;
import java.util.List;

/** The gateway ConfigMap and Deployment. */
public final class GatewayModel {

    public static final int WS_PORT = 8080;
    public static final int ADMIN_PORT = 9090;
    public static final String CONTAINER = "gateway";
    /** Pod template annotation: hash of the settings the gateway reads only at start. */
    public static final String RESTART_HASH = "wsfleet.io/restart-config-hash";
    /** Seconds a pod keeps serving after it is told to stop, while load balancers take it out of rotation. */
    public static final int PRE_STOP_SECONDS = 5;
    static final long RUN_AS_USER = 10001L;

    private static final String TLS_DIR = "/etc/wsfleet/tls";
    private static final String AUTH_DIR = "/etc/wsfleet/auth";
    private static final String SECRET_FILE = "jwt-secret";
    private static final String PUBLIC_KEY_FILE = "public.pem";

    private GatewayModel() {
    }

    public static ConfigMap configMap(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        return new ConfigMapBuilder()
                .withMetadata(names.metadata(names.gatewayConfig(), ClusterNames.GATEWAY))
                .addToData(GatewayConfigFile.FILE_NAME, GatewayConfigFile.of(resource.getSpec(), names).content())
                .addToData(GatewayConfigFile.ROOMS_FILE_NAME, GatewayConfigFile.roomsContent(resource.getSpec().rooms()))
                .build();
    }

    /** The Deployment, with the count of spec.gateway.replicas (which the HPA sets, through the scale subresource). */
    public static Deployment deployment(WebSocketCluster resource, OperatorSettings settings) {
        ClusterNames names = ClusterNames.of(resource);
        WebSocketClusterSpec spec = resource.getSpec();
        int replicas = replicas(spec);
        return new DeploymentBuilder()
                .withMetadata(names.metadata(names.gateway(), ClusterNames.GATEWAY))
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(names.selector(ClusterNames.GATEWAY)).endSelector()
                    // every removed pod sends its clients reconnecting: a few at a time, each batch after the last one's drain
                    .withStrategy(DrainPacing.strategy(spec, replicas))
                    .withMinReadySeconds(DrainPacing.minReadySeconds(spec))
                    .withNewTemplate()
                        .withNewMetadata()
                            .withLabels(names.labels(ClusterNames.GATEWAY))
                            .addToAnnotations(RESTART_HASH, GatewayConfigFile.of(spec, names).restartHash())
                        .endMetadata()
                        .withSpec(podSpec(resource, names, settings))
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** Under autoscaling, within the HPA's bounds, also before the HPA has acted and after a manual scale. */
    static int replicas(WebSocketClusterSpec spec) {
        int replicas = spec.gateway().replicas();
        return spec.autoscaling().enabled()
                ? Math.clamp(replicas, spec.autoscaling().minReplicas(), spec.autoscaling().maxReplicas())
                : replicas;
    }

    private static PodSpec podSpec(WebSocketCluster resource, ClusterNames names, OperatorSettings settings) {
        WebSocketClusterSpec spec = resource.getSpec();
        SchedulingSpec scheduling = spec.gateway().scheduling();
        return new PodSpecBuilder()
                .withTerminationGracePeriodSeconds(DrainTiming.of(spec.gateway()).terminationGracePeriodSeconds())
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                    .withRunAsNonRoot(true).withRunAsUser(RUN_AS_USER).withRunAsGroup(RUN_AS_USER).withFsGroup(RUN_AS_USER)
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withNodeSelector(scheduling.nodeSelector().isEmpty() ? null : scheduling.nodeSelector())
                .withTolerations(scheduling.tolerations())
                .withAffinity(scheduling.affinity())
                // without a user choice, spread over zones when the scheduler can
                .withTopologySpreadConstraints(scheduling.topologySpreadConstraints().isEmpty()
                        ? List.of(Spread.over(Spread.ZONES, names, ClusterNames.GATEWAY)) : scheduling.topologySpreadConstraints())
                .withContainers(container(resource, settings))
                .withVolumes(volumes(resource, names))
                .build();
    }

    private static Container container(WebSocketCluster resource, OperatorSettings settings) {
        WebSocketClusterSpec spec = resource.getSpec();
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(OperatorSettings.orDefault(spec.gateway().image(), settings.gatewayImage()))
                .addNewPort().withName("ws").withContainerPort(WS_PORT).withProtocol("TCP").endPort()
                .addNewPort().withName("admin").withContainerPort(ADMIN_PORT).withProtocol("TCP").endPort()
                .withEnv(env(resource))
                .withResources(spec.gateway().resources())
                .withStartupProbe(probe("/health/live", 30))
                .withLivenessProbe(probe("/health/live", 3))
                .withReadinessProbe(probe("/health/ready", 2))
                .withNewLifecycle().withNewPreStop().withNewSleep((long) PRE_STOP_SECONDS).endPreStop().endLifecycle()
                .withNewSecurityContext()
                    .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withRunAsNonRoot(true)
                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .withVolumeMounts(volumeMounts(resource))
                .build();
    }

    private static Probe probe(String path, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString("admin")).endHttpGet()
                .withPeriodSeconds(5).withTimeoutSeconds(2).withFailureThreshold(failureThreshold)
                .build();
    }

    /**
     * Settings the gateway takes from the environment; secrets stay in Secrets, as references or mounted files. The user's extra
     * variables come last and win (SpecValidation refuses those that would fight the spec's).
     */
    private static List<EnvVar> env(WebSocketCluster resource) {
        ClusterNames names = ClusterNames.of(resource);
        WebSocketClusterSpec spec = resource.getSpec();
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar("WSFLEET_CONFIG", GatewayConfigFile.DIRECTORY + "/" + GatewayConfigFile.FILE_NAME, null));
        env.add(new EnvVar("PORT", String.valueOf(WS_PORT), null));
        env.add(new EnvVar("ADMIN_PORT", String.valueOf(ADMIN_PORT), null));
        if (spec.auth().jwtSecret() != null) {
            env.add(new EnvVar("JWT_SECRET_FILE", AUTH_DIR + "/" + SECRET_FILE, null));
        } else if (spec.auth().publicKey() != null) {
            env.add(new EnvVar("JWT_PUBLIC_KEY_PATH", AUTH_DIR + "/" + PUBLIC_KEY_FILE, null));
        } else {
            env.add(new EnvVar("JWT_JWKS_URI", spec.auth().jwksUri(), null));
        }
        if (spec.redis().managedByOperator()) {
            env.add(secretEnv("REDIS_PASSWORD", names.redisSecret(), RedisModel.PASSWORD_KEY));
            if (spec.redis().managed().sentinel()) {
                // the managed Sentinels ask for the servers' password
                env.add(secretEnv("REDIS_SENTINEL_PASSWORD", names.redisSecret(), RedisModel.PASSWORD_KEY));
            }
        } else if (spec.redis().external().passwordSecret() != null) {
            env.add(secretEnv("REDIS_PASSWORD", spec.redis().external().passwordSecret().name(),
                    spec.redis().external().passwordSecret().key()));
        }
        if (spec.encryptionKey() != null) {
            env.add(secretEnv("MESSAGE_ENCRYPTION_KEY", spec.encryptionKey().name(), spec.encryptionKey().key()));
        }
        if (spec.tls().atPods()) {
            env.add(new EnvVar("SSL_CERT_PATH", TLS_DIR + "/tls.crt", null));
            env.add(new EnvVar("SSL_KEY_PATH", TLS_DIR + "/tls.key", null));
        }
        env.addAll(spec.gateway().env());
        return env;
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
                .build();
    }

    /** The whole ConfigMap is mounted as a directory (not subPath) so that the kubelet updates the file in place. */
    private static List<VolumeMount> volumeMounts(WebSocketCluster resource) {
        WebSocketClusterSpec spec = resource.getSpec();
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(mount("config", GatewayConfigFile.DIRECTORY, true));
        mounts.add(mount("tmp", "/tmp", false));
        if (spec.tls().atPods()) {
            mounts.add(mount("tls", TLS_DIR, true));
        }
        if (spec.auth().jwtSecret() != null || spec.auth().publicKey() != null) {
            mounts.add(mount("auth", AUTH_DIR, true));
        }
        return mounts;
    }

    private static List<Volume> volumes(WebSocketCluster resource, ClusterNames names) {
        WebSocketClusterSpec spec = resource.getSpec();
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder().withName("config")
                .withNewConfigMap().withName(names.gatewayConfig()).endConfigMap().build());
        volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
        if (spec.tls().atPods()) {
            volumes.add(new VolumeBuilder().withName("tls")
                    .withNewSecret().withSecretName(spec.tls().secretName()).endSecret().build());
        }
        if (spec.auth().jwtSecret() != null) {
            volumes.add(keyVolume(spec.auth().jwtSecret(), SECRET_FILE));
        } else if (spec.auth().publicKey() != null) {
            volumes.add(keyVolume(spec.auth().publicKey().secret(), PUBLIC_KEY_FILE));
        }
        return volumes;
    }

    /**
     * The one key of a Secret as a file of the auth folder, which the kubelet updates in place when the Secret changes and the
     * gateway re-reads (an environment variable would keep the old key until a restart); the Secret's other keys stay out.
     */
    private static Volume keyVolume(SecretKeyRef key, String file) {
        return new VolumeBuilder().withName("auth")
                .withNewSecret().withSecretName(key.name()).addNewItem().withKey(key.key()).withPath(file).endItem().endSecret()
                .build();
    }

    private static VolumeMount mount(String volume, String path, boolean readOnly) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly).build();
    }
}
