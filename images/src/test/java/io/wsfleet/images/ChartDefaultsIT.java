package io.wsfleet.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.wsfleet.images.support.BuiltImages;
import io.wsfleet.images.support.Podman;
import io.wsfleet.operator.model.OperatorSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** helm install without image settings pulls what scripts/images builds (and pushes with IMAGE_REGISTRY unset). */
class ChartDefaultsIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path CHART = Podman.ROOT.resolve("helm/wsfleet-operator");

    @Test
    void chartAndOperatorDefaultsNameTheBuiltImages() throws Exception {
        JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
        String appVersion = YAML.readTree(CHART.resolve("Chart.yaml").toFile()).path("appVersion").asText();
        BuiltImages images = BuiltImages.get();

        assertThat(values.path("image").path("repository").asText() + ":" + appVersion)
                .as("the operator image (image.tag defaults to appVersion)").isEqualTo(images.operator());
        assertThat(values.path("image").path("tag").asText()).isEmpty();
        assertThat(values.path("gatewayImage").asText()).isEqualTo(images.gateway());
        assertThat(OperatorSettings.DEFAULT_GATEWAY_IMAGE).as("the operator's own default").isEqualTo(images.gateway());
    }
}
