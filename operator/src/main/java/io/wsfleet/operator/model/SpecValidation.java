package io.wsfleet.operator.model;

import io.fabric8.kubernetes.api.model.Quantity;
import io.wsfleet.operator.api.v1alpha1.AuthSpec;
import io.wsfleet.operator.api.v1alpha1.AutoscalerProvider;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.DrainSpec;
import io.wsfleet.operator.api.v1alpha1.GatewaySpec;
import io.wsfleet.operator.api.v1alpha1.KedaSpec;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.RedisSpec;
import io.wsfleet.operator.api.v1alpha1.RoomSpec;
import io.wsfleet.operator.api.v1alpha1.SecretKeyRef;
import io.wsfleet.operator.api.v1alpha1.TlsSpec;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks a spec must pass before anything is applied. They repeat the CRD's cross-field rules
 * (an API server without CEL, or a CRD installed from an older chart, lets such specs through) and
 * add what a schema cannot say: values the gateway would refuse at start.
 */
public final class SpecValidation {

    /** As the gateway's origins.allowed check: scheme, host, optional port, nothing else. */
    private static final Pattern ORIGIN = Pattern.compile("https?://[^/\\s:,]+(:\\d{1,5})?");
    private static final Pattern ROOM_ID = Pattern.compile(RoomSpec.ID_RULE);
    private static final Pattern JWKS_URI = Pattern.compile(AuthSpec.JWKS_URI_RULE);
    private static final Pattern SERVER_ADDRESS = Pattern.compile(KedaSpec.SERVER_ADDRESS_RULE);

    private SpecValidation() {
    }

    public static List<SpecProblem> problems(WebSocketClusterSpec spec) {
        if (spec == null) {
            return List.of(new SpecProblem("spec", "is required"));
        }
        List<SpecProblem> problems = new ArrayList<>();
        gateway(spec.gateway(), problems);
        autoscaling(spec.autoscaling(), problems);
        redis(spec.redis(), problems);
        auth(spec.auth(), problems);
        tls(spec.tls(), problems);
        origins(spec.origins(), problems);
        rooms(spec.rooms(), problems);
        encryption(spec, problems);
        return problems;
    }

    /**
     * The drain must fit in the HPA's pace (one pod per drain), and env must not override what the spec sets: the pod's grace
     * period is computed from the spec's drain, which a variable would silently change.
     */
    private static void gateway(GatewaySpec gateway, List<SpecProblem> problems) {
        int delayAndWindow = gateway.drain().deregistrationDelaySeconds() + gateway.drain().windowSeconds();
        if (delayAndWindow > DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS) {
            problems.add(new SpecProblem("spec.gateway.drain.windowSeconds", "deregistrationDelaySeconds + windowSeconds must not exceed "
                    + DrainSpec.MAX_DELAY_AND_WINDOW_SECONDS + ", got " + delayAndWindow));
        }
        for (int i = 0; i < gateway.env().size(); i++) {
            String name = gateway.env().get(i).getName();
            int index = i;
            setBy(name).ifPresent(fields -> problems.add(new SpecProblem("spec.gateway.env[" + index + "].name",
                    "'" + name + "' is set from " + fields + ", not through env")));
        }
    }

    /** The fields of the spec that the operator sets a gateway variable from. */
    private static Optional<String> setBy(String variable) {
        if (variable == null) {
            // an env entry without a name (List.of(...).contains(null) throws)
            return Optional.empty();
        }
        if (GatewaySpec.SPEC_VARIABLES.contains(variable)) {
            return Optional.of("spec.gateway.drainSeconds, drain and rebalance");
        }
        if (AuthSpec.SPEC_VARIABLES.contains(variable)) {
            return Optional.of("spec.auth");
        }
        return Optional.empty();
    }

    private static void autoscaling(AutoscalingSpec autoscaling, List<SpecProblem> problems) {
        if (autoscaling.minReplicas() > autoscaling.maxReplicas()) {
            problems.add(new SpecProblem("spec.autoscaling.minReplicas",
                    "must not exceed spec.autoscaling.maxReplicas (" + autoscaling.minReplicas() + " > " + autoscaling.maxReplicas() + ")"));
        }
        if (autoscaling.provider() == AutoscalerProvider.KEDA) {
            if (autoscaling.targetConnectionsPerPod() == null) {
                problems.add(new SpecProblem("spec.autoscaling.targetConnectionsPerPod", "is required with provider KEDA"));
            }
            String address = autoscaling.keda() == null ? null : autoscaling.keda().serverAddress();
            if (address == null) {
                problems.add(new SpecProblem("spec.autoscaling.keda.serverAddress", "is required with provider KEDA"));
            } else if (!(SERVER_ADDRESS.matcher(address).matches() && hasHost(address))) {
                problems.add(new SpecProblem("spec.autoscaling.keda.serverAddress", "'" + address + "' is not an http:// or https:// URL"));
            }
        }
    }

    private static void redis(RedisSpec redis, List<SpecProblem> problems) {
        if (redis.managed() != null && redis.external() != null) {
            problems.add(new SpecProblem("spec.redis", "set either managed or external, not both"));
        } else if (redis.managed() != null) {
            managedRedis(redis.managed(), problems);
        } else if (redis.external() != null && (redis.external().url() == null || !redis.external().url().matches("rediss?://.+"))) {
            problems.add(new SpecProblem("spec.redis.external.url", "must be a redis:// or rediss:// URL"));
        }
    }

    private static void managedRedis(ManagedRedisSpec managed, List<SpecProblem> problems) {
        if (!isQuantity(managed.storage())) {
            problems.add(new SpecProblem("spec.redis.managed.storage", "'" + managed.storage() + "' is not a quantity such as 1Gi"));
        }
        int replicas = managed.replicas();
        if (replicas < 1 || replicas > ManagedRedisSpec.MAX_REPLICAS || (replicas > 1 && replicas % 2 == 0)) {
            problems.add(new SpecProblem("spec.redis.managed.replicas", ManagedRedisSpec.REPLICAS_RULE + ", got " + replicas));
        }
    }

    private static boolean isQuantity(String text) {
        try {
            return Quantity.getAmountInBytes(new Quantity(text)).signum() > 0;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }

    private static void auth(AuthSpec auth, List<SpecProblem> problems) {
        if (auth == null) {
            problems.add(new SpecProblem("spec.auth", "is required: set jwtSecret, publicKey or jwksUri"));
            return;
        }
        long sources = Stream.of(auth.jwtSecret(), auth.publicKey(), auth.jwksUri()).filter(Objects::nonNull).count();
        if (sources != 1) {
            problems.add(new SpecProblem("spec.auth", "set exactly one of jwtSecret, publicKey and jwksUri"));
        }
        if (auth.jwksUri() != null && !(JWKS_URI.matcher(auth.jwksUri()).matches() && hasHost(auth.jwksUri()))) {
            problems.add(new SpecProblem("spec.auth.jwksUri", "'" + auth.jwksUri() + "' is not an https:// or http:// URL"));
        }
        if (auth.jwksAlgorithm() != null && auth.jwksUri() == null) {
            problems.add(new SpecProblem("spec.auth.jwksAlgorithm", "goes with jwksUri"));
        }
        secretKey("spec.auth.jwtSecret", auth.jwtSecret(), problems);
        secretKey("spec.auth.publicKey.secret", auth.publicKey() == null ? null : auth.publicKey().secret(), problems);
    }

    /** The schema requires both (an API server without the CRD's schema does not): the key names the file the gateway reads. */
    private static void secretKey(String field, SecretKeyRef ref, List<SpecProblem> problems) {
        if (ref != null && isBlank(ref.name())) {
            problems.add(new SpecProblem(field + ".name", "is required"));
        }
        if (ref != null && isBlank(ref.key())) {
            problems.add(new SpecProblem(field + ".key", "is required"));
        }
    }

    private static void tls(TlsSpec tls, List<SpecProblem> problems) {
        if (tls.atPods() && isBlank(tls.secretName())) {
            problems.add(new SpecProblem("spec.tls.secretName", "is required when spec.tls.mode is Pod"));
        }
        if (tls.atLoadBalancer() && isBlank(tls.certificateArn())) {
            problems.add(new SpecProblem("spec.tls.certificateArn", "is required when spec.tls.mode is LoadBalancer"));
        }
    }

    private static void origins(List<String> origins, List<SpecProblem> problems) {
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i);
            boolean alone = "*".equals(origin) && origins.size() == 1;
            if (!alone && (origin == null || !ORIGIN.matcher(origin).matches())) {
                problems.add(new SpecProblem("spec.origins[" + i + "]",
                        "'" + origin + "' is not scheme://host[:port] (or '*' alone)"));
            }
        }
    }

    /** As the gateway's seed file check: valid ids, each once. */
    private static void rooms(List<RoomSpec> rooms, List<SpecProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rooms.size(); i++) {
            String id = rooms.get(i).id();
            if (id == null || !ROOM_ID.matcher(id).matches()) {
                problems.add(new SpecProblem("spec.rooms[" + i + "].id", "'" + id + "' is not a valid room id (1-128 of A-Z a-z 0-9 _ - . : @)"));
            } else if (!seen.add(id)) {
                problems.add(new SpecProblem("spec.rooms[" + i + "].id", "room '" + id + "' is listed twice"));
            }
        }
    }

    /** The gateway refuses to start with an encrypted room and no key. */
    private static void encryption(WebSocketClusterSpec spec, List<SpecProblem> problems) {
        if (spec.encryptionKey() == null && spec.rooms().stream().anyMatch(RoomSpec::encrypted)) {
            problems.add(new SpecProblem("spec.encryptionKey", "is required when a room is encrypted"));
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * Whether the gateway reads the text as a URL with a host (java.net.URI, as its configuration loader
     * does): the CRD's pattern admits characters such as {@code |} that it refuses at start (found by fuzzing).
     */
    private static boolean hasHost(String url) {
        try {
            return new URI(url).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
