package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The containers of a managed Redis pod in Sentinel mode: the Redis server and the pod's Sentinel, both
 * started by {@value #SCRIPT_RESOURCE}, which asks the Sentinels for the current master first.
 */
final class SentinelMode {

    static final String SCRIPT_RESOURCE = "redis-sentinel.sh";
    /** The script's text, run with {@code sh -c} so that no ConfigMap has to exist before the pods. */
    static final String SCRIPT = load();
    /** How long a Sentinel waits for an unanswering master before it counts it as down. */
    static final int DOWN_AFTER_MILLISECONDS = 5000;
    static final String SENTINEL_DIR = "/sentinel";
    static final String SENTINEL_VOLUME = "sentinel";

    private SentinelMode() {
    }

    /** The Redis server; its preStop hands the master role over before a drain stops it. */
    static Container server(ContainerBuilder base, ClusterNames names, ManagedRedisSpec redis) {
        return base
                .withCommand(script("server"))
                .withEnv(env(names, redis))
                .withNewLifecycle().withNewPreStop().withNewExec().withCommand(script("handover")).endExec().endPreStop().endLifecycle()
                .build();
    }

    static Container sentinel(String image, ClusterNames names, ManagedRedisSpec redis) {
        return new ContainerBuilder()
                .withName("sentinel")
                .withImage(image)
                .withCommand(script("sentinel"))
                .withEnv(env(names, redis))
                .addNewPort().withName("sentinel").withContainerPort(RedisModel.SENTINEL_PORT).endPort()
                .withResources(new ResourceRequirementsBuilder()
                        .addToRequests("memory", new Quantity("32Mi")).addToRequests("cpu", new Quantity("50m"))
                        .addToLimits("memory", new Quantity("64Mi")).build())
                .withNewReadinessProbe().withNewTcpSocket().withPort(new IntOrString("sentinel")).endTcpSocket()
                    .withPeriodSeconds(5).endReadinessProbe()
                .withSecurityContext(RedisModel.containerSecurity())
                .addNewVolumeMount().withName(SENTINEL_VOLUME).withMountPath(SENTINEL_DIR).endVolumeMount()
                .build();
    }

    private static List<String> script(String role) {
        return List.of("sh", "-c", SCRIPT, "redis-ha", role);
    }

    /** What the script reads; the pod's DNS name comes from its own name, which the API server gives it. */
    private static List<EnvVar> env(ClusterNames names, ManagedRedisSpec redis) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("POD_NAME")
                .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
        env.add(RedisModel.passwordEnv(names));
        env.add(new EnvVar("MY_HOST", "$(POD_NAME)." + names.redisHeadless() + "." + names.namespace() + ".svc", null));
        env.add(new EnvVar("MASTER_NAME", RedisModel.MASTER_NAME, null));
        env.add(new EnvVar("SENTINELS", IntStream.range(0, redis.replicas())
                .mapToObj(ordinal -> names.redisPodHost(ordinal) + ":" + RedisModel.SENTINEL_PORT).collect(Collectors.joining(" ")), null));
        env.add(new EnvVar("FIRST_MASTER", names.redisPodHost(0) + ":" + RedisModel.PORT, null));
        env.add(new EnvVar("REDIS_PORT", String.valueOf(RedisModel.PORT), null));
        env.add(new EnvVar("SENTINEL_PORT", String.valueOf(RedisModel.SENTINEL_PORT), null));
        env.add(new EnvVar("QUORUM", String.valueOf(RedisModel.quorum(redis)), null));
        env.add(new EnvVar("DOWN_AFTER_MILLISECONDS", String.valueOf(DOWN_AFTER_MILLISECONDS), null));
        env.add(new EnvVar("DATA_DIR", RedisModel.DATA_DIR, null));
        env.add(new EnvVar("SENTINEL_DIR", SENTINEL_DIR, null));
        return env;
    }

    private static String load() {
        try (InputStream in = SentinelMode.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the operator's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
