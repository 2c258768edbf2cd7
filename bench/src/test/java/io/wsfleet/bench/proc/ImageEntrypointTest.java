package io.wsfleet.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ImageEntrypointTest {
    private static final Path ROOT = Path.of(System.getProperty("wsfleet.root", "..")).toAbsolutePath().normalize();

    @Test
    void theRepositorysDockerfileGivesTheImagesJvmOptions() {
        assertThat(ImageEntrypoint.javaOptions(ROOT.resolve("Dockerfile"))).containsExactly("-XX:+UseG1GC", "-XX:+UseCompactObjectHeaders",
                "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.io.tmpdir=/tmp");
    }

    @Test
    void takesWhatIsBetweenJavaAndJarWhateverElseTheFileHolds() {
        String dockerfile = """
                FROM base AS runtime
                # ENTRYPOINT ["java", "-Xmx1g", "-jar", "old.jar"] in a comment is not one
                CMD ["--port", "8080"]
                  ENTRYPOINT ["java","-XX:MaxRAMPercentage=50", "-Dname=\\"quoted\\"", "-jar", "/app/app.jar", "--flag"]
                ENTRYPOINT ["/usr/bin/tini", "--"]
                """;

        assertThat(ImageEntrypoint.javaOptions(dockerfile)).containsExactly("-XX:MaxRAMPercentage=50", "-Dname=\"quoted\"");
    }

    @Test
    void refusesAShellFormOrASecondJavaEntrypoint() {
        assertThatThrownBy(() -> ImageEntrypoint.javaOptions("ENTRYPOINT java -XX:MaxRAMPercentage=75 -jar app.jar\n"))
                .hasMessageContaining("found 0");
        assertThatThrownBy(() -> ImageEntrypoint.javaOptions("""
                ENTRYPOINT ["java", "-Xss1m", "-jar", "a.jar"]
                ENTRYPOINT ["java", "-Xss2m", "-jar", "b.jar"]
                """)).hasMessageContaining("found 2");
    }
}
