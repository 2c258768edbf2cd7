package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsfleet.gateway.config.ConfigLoader;
import io.wsfleet.gateway.config.GatewayConfig;
import io.wsfleet.gateway.room.RoomSeedFile;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import io.wsfleet.operator.support.Clusters;

/**
 * Specs as anyone with edit rights on WebSocketClusters writes them (JSON; what the client cannot
 * read into a spec, or what breaks the schema's minimum, maximum and pattern rules, the API server and
 * the client refuse before the operator runs). Every spec gets a list of problems, each naming a field
 * under {@code spec}, and nothing else escapes; a spec with no problem renders to a ConfigMap and
 * environment that the gateway's own loaders accept, which is what the validation is for, and to a pod whose grace period
 * outlasts the stop the gateway will run with what it loaded (an env variable that overrode the drain would break that).
 */
class SpecValidationFuzzTest {

    @DictionaryEntries({"\"gateway\"", "\"autoscaling\"", "\"minReplicas\"", "\"maxReplicas\"", "\"redis\"",
            "\"managed\"", "\"external\"", "\"url\"", "\"storage\"", "\"auth\"", "\"jwtSecret\"", "\"jwksUri\"",
            "\"algorithm\"", "\"issuer\"", "\"audience\"", "\"limits\"", "\"origins\"", "\"tls\"", "\"mode\"",
            "\"rooms\"", "\"id\"", "\"type\"", "\"members\"", "\"Pod\"", "\"LoadBalancer\"", "\"private\"",
            "\"https://\"", "\"rediss://\"", "\"1Gi\"", "\"*\"", "\"env\"", "\"name\"", "\"value\"", "\"drain\"",
            "\"windowSeconds\"", "\"deregistrationDelaySeconds\"", "\"drainSeconds\"", "\"DRAIN_WINDOW_SECONDS\"", "\"provider\"",
            "\"KEDA\"", "\"keda\"", "\"serverAddress\""})
    @FuzzTest
    void everySpecGetsItsProblemsAndAValidOneIsAcceptedByTheGateway(byte[] input) throws IOException {
        WebSocketClusterSpec spec;
        try {
            spec = Serialization.jsonMapper().readValue(input, WebSocketClusterSpec.class);
        } catch (IOException | RuntimeException refusedBeforeTheOperator) {
            return;
        }
        if (spec == null || !withinSchemaBounds(spec)) {
            return;
        }
        List<SpecProblem> problems = SpecValidation.problems(spec);
        assertThat(problems).allSatisfy(problem -> assertThat(problem.field()).startsWith("spec"));
        if (problems.isEmpty()) {
            Path mount = Files.createTempDirectory("wsfleet-mount");
            try {
                WebSocketCluster cluster = Clusters.of("ns", "chat", spec);
                GatewayConfig config = ConfigLoader.load(GatewayAcceptsTheConfigTest.environment(cluster, mount));
                assertThat(GatewayAcceptsTheConfigTest.gracePeriod(cluster)).isGreaterThanOrEqualTo(GatewayAcceptsTheConfigTest.stop(config));
                RoomSeedFile.read(mount.resolve("config").resolve(GatewayConfigFile.ROOMS_FILE_NAME));
            } finally {
                delete(mount);
            }
        }
    }

    /** The CRD's {@code minimum}, {@code maximum} and {@code pattern}: the annotations it is generated from. */
    private static boolean withinSchemaBounds(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().allMatch(SpecValidationFuzzTest::withinSchemaBounds);
        }
        if (value == null || !value.getClass().isRecord()) {
            return true;
        }
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            Object field;
            Field declared;
            try {
                field = component.getAccessor().invoke(value);
                // the generator's annotations apply to fields and methods, so a record keeps them on its fields
                declared = value.getClass().getDeclaredField(component.getName());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            Min min = declared.getAnnotation(Min.class);
            Max max = declared.getAnnotation(Max.class);
            Pattern pattern = declared.getAnnotation(Pattern.class);
            if (field instanceof Number number && ((min != null && number.doubleValue() < min.value())
                    || (max != null && number.doubleValue() > max.value()))) {
                return false;
            }
            if (field instanceof String text && pattern != null && !java.util.regex.Pattern.compile(pattern.value()).matcher(text).find()) {
                return false;
            }
            if (!withinSchemaBounds(field)) {
                return false;
            }
        }
        return true;
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
