package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsfleet.operator.api.v1alpha1.AuthSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.wsfleet.operator.api.v1alpha1.AutoscalerProvider;
import io.wsfleet.operator.api.v1alpha1.AutoscalingSpec;
import io.wsfleet.operator.api.v1alpha1.ExternalRedisSpec;
import io.wsfleet.operator.api.v1alpha1.GatewaySpec;
import io.wsfleet.operator.api.v1alpha1.KedaSpec;
import io.wsfleet.operator.api.v1alpha1.KeyAlgorithm;
import io.wsfleet.operator.api.v1alpha1.ManagedRedisSpec;
import io.wsfleet.operator.api.v1alpha1.PublicKeySpec;
import io.wsfleet.operator.api.v1alpha1.RedisSpec;
import io.wsfleet.operator.api.v1alpha1.RoomSpec;
import io.wsfleet.operator.api.v1alpha1.SecretKeyRef;
import io.wsfleet.operator.api.v1alpha1.TlsSpec;
import io.wsfleet.operator.api.v1alpha1.TlsMode;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidationTest {

    @Test
    void theDefaultsAreValid() {
        assertThat(SpecValidation.problems(Clusters.minimal("a", "b").getSpec())).isEmpty();
    }

    @Test
    void anEncryptedRoomNeedsTheKey() {
        List<RoomSpec> rooms = List.of(new RoomSpec("vault", null, null, null, true));
        assertThat(fields(new WebSocketClusterSpec(null, null, null, null, Clusters.jwtAuth(), null, null, null, rooms, null, null, null)))
                .containsExactly("spec.encryptionKey");
        assertThat(fields(new WebSocketClusterSpec(null, null, null, null, Clusters.jwtAuth(), null, null, null, rooms, null, null,
                new SecretKeyRef("fernet", "key")))).isEmpty();
    }

    @Test
    void eachProblemNamesItsField() {
        assertThat(fields(spec(new AutoscalingSpec(true, 5, 4, null, null, null, null, null), null, Clusters.jwtAuth(), null, List.of())))
                .containsExactly("spec.autoscaling.minReplicas");
        assertThat(fields(spec(null, new RedisSpec(new ManagedRedisSpec(null, null, "lots", null, null), null), Clusters.jwtAuth(), null, List.of())))
                .containsExactly("spec.redis.managed.storage");
        assertThat(fields(spec(null, new RedisSpec(new ManagedRedisSpec(null, null, null, null, 2), null), Clusters.jwtAuth(), null, List.of())))
                .containsExactly("spec.redis.managed.replicas");
        assertThat(fields(spec(null, new RedisSpec(new ManagedRedisSpec(null, null, null, null, 9), null), Clusters.jwtAuth(), null, List.of())))
                .containsExactly("spec.redis.managed.replicas");
        assertThat(fields(spec(null, new RedisSpec(new ManagedRedisSpec(null, null, null, null, 3), null), Clusters.jwtAuth(), null, List.of())))
                .isEmpty();
        assertThat(fields(spec(null, new RedisSpec(new ManagedRedisSpec(null, null, null, null, null),
                new ExternalRedisSpec("redis://r:6379", null, null)), Clusters.jwtAuth(), null, List.of())))
                .containsExactly("spec.redis");
        assertThat(fields(spec(null, new RedisSpec(null, new ExternalRedisSpec("http://r", null, null)), Clusters.jwtAuth(), null, List.of())))
                .containsExactly("spec.redis.external.url");
        assertThat(fields(spec(null, null, null, null, List.of()))).containsExactly("spec.auth");
        assertThat(fields(spec(null, null, new AuthSpec(null, null, null, null, null, null, null), null, List.of()))).containsExactly("spec.auth");
        assertThat(fields(spec(null, null, Clusters.jwtAuth(), new TlsSpec(TlsMode.Pod, null, null), List.of())))
                .containsExactly("spec.tls.secretName");
        assertThat(fields(spec(null, null, Clusters.jwtAuth(), new TlsSpec(TlsMode.LoadBalancer, null, null), List.of())))
                .containsExactly("spec.tls.certificateArn");
        assertThat(fields(spec(null, null, Clusters.jwtAuth(), null, List.of("https://ok.example", "https://x.example/path", "*"))))
                .containsExactly("spec.origins[1]", "spec.origins[2]");
    }

    @Test
    void aJwksUriIsAUrlTheGatewayReadsToo() {
        assertThat(fields(spec(null, null, new AuthSpec(null, null, "https://id.examp|e/jwks.json", null, null, null, null), null,
                List.of()))).containsExactly("spec.auth.jwksUri");
        assertThat(fields(spec(null, null, new AuthSpec(null, null, "https://id.example.com/.well-known/jwks.json", null, null,
                null, null), null, List.of()))).isEmpty();
    }

    @Test
    void roomIdsFollowTheGatewaysRuleAndAppearOnce() {
        WebSocketClusterSpec spec = new WebSocketClusterSpec(null, null, null, null, Clusters.jwtAuth(), null, null, null,
                List.of(new RoomSpec("lobby", null, null, null, null), new RoomSpec("bad id", null, null, null, null), new RoomSpec("lobby", null, null, null, null)), null, null, null);

        assertThat(SpecValidation.problems(spec)).extracting(SpecProblem::toString).containsExactly(
                "spec.rooms[1].id: 'bad id' is not a valid room id (1-128 of A-Z a-z 0-9 _ - . : @)",
                "spec.rooms[2].id: room 'lobby' is listed twice");
    }

    @Test
    void originsAcceptPortsAndAStarAlone() {
        assertThat(fields(spec(null, null, Clusters.jwtAuth(), null, List.of("https://a.example:8443", "http://localhost:3000")))).isEmpty();
        assertThat(fields(spec(null, null, Clusters.jwtAuth(), null, List.of("*")))).isEmpty();
    }

    @Test
    void authTakesExactlyOneKeySource() {
        SecretKeyRef key = new SecretKeyRef("s", "k");
        String uri = "https://id.example/.well-known/jwks.json";

        assertThat(fields(spec(null, null, Clusters.jwksAuth(uri), null, List.of()))).isEmpty();
        assertThat(fields(spec(null, null, Clusters.jwksAuth("http://keys.auth.svc:8080/jwks"), null, List.of()))).isEmpty();
        assertThat(fields(spec(null, null, new AuthSpec(key, null, uri, null, null, null, null), null, List.of())))
                .containsExactly("spec.auth");
        assertThat(fields(spec(null, null, new AuthSpec(null, new PublicKeySpec(key, KeyAlgorithm.RS256), uri, null, null, null, null),
                null, List.of()))).containsExactly("spec.auth");
        assertThat(fields(spec(null, null, Clusters.jwksAuth("ftp://id.example/jwks"), null, List.of())))
                .containsExactly("spec.auth.jwksUri");
        assertThat(fields(spec(null, null, Clusters.jwksAuth("https://"), null, List.of())))
                .containsExactly("spec.auth.jwksUri");
        assertThat(fields(spec(null, null, new AuthSpec(key, null, null, KeyAlgorithm.ES256, null, null, null), null, List.of())))
                .containsExactly("spec.auth.jwksAlgorithm");
    }

    @Test
    void envMustNotOverrideWhatTheSpecSetsForTheDrainAndRebalancing() {
        List<EnvVar> env = List.of(new EnvVar("LOG_LEVEL", "debug", null), new EnvVar("DRAIN_WINDOW_SECONDS", "600", null),
                new EnvVar("SHUTDOWN_GRACE_SECONDS", "60", null), new EnvVar("REBALANCE_ENABLED", "false", null));
        WebSocketClusterSpec spec = new WebSocketClusterSpec(new GatewaySpec(null, null, null, null, env, null, null, null, null),
                null, null, null, Clusters.jwtAuth(), null, null, null, null, null, null, null);

        assertThat(SpecValidation.problems(spec)).extracting(SpecProblem::toString).containsExactly(
                "spec.gateway.env[1].name: 'DRAIN_WINDOW_SECONDS' is set from spec.gateway.drainSeconds, drain and rebalance, not through env",
                "spec.gateway.env[2].name: 'SHUTDOWN_GRACE_SECONDS' is set from spec.gateway.drainSeconds, drain and rebalance, not through env",
                "spec.gateway.env[3].name: 'REBALANCE_ENABLED' is set from spec.gateway.drainSeconds, drain and rebalance, not through env");
    }

    @Test
    void envMustNotSetTheKeyOrItsOverlapWhichTheAuthSpecSets() {
        List<EnvVar> env = List.of(new EnvVar("JWT_SECRET_FILE", "/elsewhere", null), new EnvVar(null, "no name", null),
                new EnvVar("JWT_KEY_OVERLAP_SECONDS", "0", null), new EnvVar("JWT_SECRET_KEY", "a-second-key-source-0123456789abcdef", null));
        WebSocketClusterSpec spec = new WebSocketClusterSpec(new GatewaySpec(null, null, null, null, env, null, null, null, null),
                null, null, null, Clusters.jwtAuth(), null, null, null, null, null, null, null);

        assertThat(SpecValidation.problems(spec)).extracting(SpecProblem::toString).containsExactly(
                "spec.gateway.env[0].name: 'JWT_SECRET_FILE' is set from spec.auth, not through env",
                "spec.gateway.env[2].name: 'JWT_KEY_OVERLAP_SECONDS' is set from spec.auth, not through env",
                "spec.gateway.env[3].name: 'JWT_SECRET_KEY' is set from spec.auth, not through env");
    }

    @Test
    void aSecretReferenceNamesBothTheSecretAndTheKeyWhichBecomesTheFileTheGatewayReads() {
        assertThat(fields(spec(null, null, new AuthSpec(new SecretKeyRef("jwt", null), null, null, null, null, null, null), null, List.of())))
                .containsExactly("spec.auth.jwtSecret.key");
        assertThat(fields(spec(null, null, new AuthSpec(null, new PublicKeySpec(new SecretKeyRef(" ", "rsa.pem"), KeyAlgorithm.RS256),
                null, null, null, null, null), null, List.of()))).containsExactly("spec.auth.publicKey.secret.name");
    }

    @Test
    void kedaNeedsATargetAndAPrometheusToAsk() {
        assertThat(fields(spec(new AutoscalingSpec(true, null, null, null, 1000, null, AutoscalerProvider.KEDA,
                new KedaSpec("http://prometheus.monitoring.svc:9090")), null, Clusters.jwtAuth(), null, List.of()))).isEmpty();
        assertThat(fields(spec(new AutoscalingSpec(true, null, null, null, null, null, AutoscalerProvider.KEDA, null), null,
                Clusters.jwtAuth(), null, List.of())))
                .containsExactly("spec.autoscaling.targetConnectionsPerPod", "spec.autoscaling.keda.serverAddress");
        assertThat(fields(spec(new AutoscalingSpec(true, null, null, null, 1000, null, AutoscalerProvider.KEDA,
                new KedaSpec("http://prom|etheus:9090")), null, Clusters.jwtAuth(), null, List.of())))
                .containsExactly("spec.autoscaling.keda.serverAddress");
        assertThat(fields(spec(new AutoscalingSpec(true, null, null, null, null, null, AutoscalerProvider.HPA, null), null,
                Clusters.jwtAuth(), null, List.of()))).as("the HPA needs neither").isEmpty();
    }

    private static WebSocketClusterSpec spec(AutoscalingSpec autoscaling, RedisSpec redis, AuthSpec auth, TlsSpec tls, List<String> origins) {
        return new WebSocketClusterSpec(null, autoscaling, null, redis, auth, null, origins, tls, null, null, null, null);
    }

    private static List<String> fields(WebSocketClusterSpec spec) {
        return SpecValidation.problems(spec).stream().map(SpecProblem::field).toList();
    }
}
