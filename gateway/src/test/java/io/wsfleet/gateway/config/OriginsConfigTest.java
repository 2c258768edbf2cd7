package io.wsfleet.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginsConfigTest {

    @Test
    void defaultsToSameOriginAndAdmitsClientsWithoutOrigin() {
        GatewayConfig.Origins origins = ConfigLoader.load(Map.of("ENVIRONMENT", "development")).origins();
        assertThat(origins.allowed()).isEmpty();
        assertThat(origins.allowMissing()).isTrue();
    }

    @Test
    void readsACommaSeparatedList() {
        GatewayConfig.Origins origins = ConfigLoader.load(Map.of("ENVIRONMENT", "development",
                "ALLOWED_ORIGINS", " https://app.example.com ,http://localhost:3000,,",
                "ALLOW_MISSING_ORIGIN", "false")).origins();
        assertThat(origins.allowed()).containsExactlyInAnyOrder("https://app.example.com", "http://localhost:3000");
        assertThat(origins.allowMissing()).isFalse();
    }

    @Test
    void aStarAloneAdmitsEveryOrigin() {
        GatewayConfig.Origins origins = ConfigLoader.load(Map.of("ENVIRONMENT", "development",
                "ALLOWED_ORIGINS", " * ")).origins();
        assertThat(origins.anyOrigin()).isTrue();
        assertThat(origins.allowed()).isEmpty();
        assertThat(ConfigLoader.load(Map.of("ENVIRONMENT", "development")).origins().anyOrigin()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*, https://app.example.com", "https://app.example.com/chat", "app.example.com", "ftp://files.example.com"})
    void refusesWhatIsNotAnExactOrigin(String value) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("ENVIRONMENT", "development", "ALLOWED_ORIGINS", value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("origins.allowed")
                .hasMessageContaining("ALLOWED_ORIGINS");
    }
}
