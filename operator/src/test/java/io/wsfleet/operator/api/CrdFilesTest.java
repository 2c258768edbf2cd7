package io.wsfleet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed CRD (crds/ and the chart's copy) is what the Java classes generate. Run with
 * {@code -Dwsfleet.crds.update=true} (scripts/generate-crds) to rewrite both after changing the API.
 */
class CrdFilesTest {

    static final String FILE = "websocketclusters.wsfleet.io-v1.yml";
    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final List<Path> COMMITTED = List.of(
            REPO.resolve("crds").resolve(FILE),
            REPO.resolve("helm/wsfleet-operator/files").resolve(FILE));

    @Test
    void committedCrdsMatchTheJavaClasses(@TempDir Path out) throws IOException {
        new CRDGenerator().customResourceClasses(WebSocketCluster.class).forCRDVersions("v1")
                .inOutputDir(out.toFile()).generate();
        String generated = Files.readString(out.resolve(FILE));

        if (Boolean.getBoolean("wsfleet.crds.update")) {
            for (Path file : COMMITTED) {
                Files.writeString(file, generated);
            }
        }
        for (Path file : COMMITTED) {
            assertThat(file).as("%s is stale: run scripts/generate-crds", REPO.relativize(file)).hasContent(generated);
        }
    }
}
