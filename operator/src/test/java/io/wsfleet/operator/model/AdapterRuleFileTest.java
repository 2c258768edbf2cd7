package io.wsfleet.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * The chart ships the operator's prometheus-adapter rule: its copy in the chart's files/ is the resource the operator
 * expands for KEDA. Run with {@code -Dwsfleet.crds.update=true} (scripts/generate-crds) to copy it after a change.
 */
class AdapterRuleFileTest {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path SOURCE = REPO.resolve("operator/src/main/resources/io/wsfleet/operator/model").resolve(ConnectionsQuery.RULE_RESOURCE);
    static final Path CHART_COPY = REPO.resolve("helm/wsfleet-operator/files").resolve(ConnectionsQuery.RULE_RESOURCE);

    @Test
    void theChartsCopyIsTheOperatorsRule() throws IOException {
        if (Boolean.getBoolean("wsfleet.crds.update")) {
            Files.copy(SOURCE, CHART_COPY, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(CHART_COPY).as("%s is stale: run scripts/generate-crds", REPO.relativize(CHART_COPY)).hasSameTextualContentAs(SOURCE);
    }
}
