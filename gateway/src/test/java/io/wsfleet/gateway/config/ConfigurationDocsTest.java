package io.wsfleet.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** docs/configuration.md documents every environment variable and the configuration key it sets. */
class ConfigurationDocsTest {
    /** Maven runs the tests with the module folder as the working directory. */
    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        assertThat(DOC).as("configuration reference %s", DOC.toAbsolutePath().normalize()).isRegularFile();
        doc = Files.readString(DOC);
    }

    static Stream<Arguments> variables() {
        return EnvAliases.all().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("variables")
    void documentsTheVariableAndItsKey(String variable, String key) {
        // Whole words only: PORT must not be found inside ADMIN_PORT, nor server.port inside another key.
        assertThat(Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(variable) + "(?![A-Za-z0-9_])").matcher(doc).find())
                .as("%s mentions the environment variable %s", DOC, variable)
                .isTrue();
        assertThat(Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(key) + "(?![A-Za-z0-9_-])").matcher(doc).find())
                .as("%s mentions the key %s", DOC, key)
                .isTrue();
    }

    @Test
    void documentsTheConfigFileVariable() {
        assertThat(doc).contains(ConfigLoader.CONFIG_FILE_VARIABLE);
    }
}
