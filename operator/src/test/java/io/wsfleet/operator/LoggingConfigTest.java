package io.wsfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The production logging configuration (logback.xml, not the tests' one) writes one JSON object per line with the resource. */
class LoggingConfigTest {

    @Test
    void linesAreJsonWithTheResourceFromTheMdc() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        // the MDC that JOSDK writes to (slf4j's, bound to the default context)
        context.setMDCAdapter(((LoggerContext) LoggerFactory.getILoggerFactory()).getMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(getClass().getResource("/logback.xml"));
            MDC.put("resource.name", "chat");
            MDC.put("resource.namespace", "prod");
            context.getLogger("io.wsfleet.operator.reconciler").warn("Invalid spec, nothing applied: {}", "spec.tls");
        } finally {
            MDC.clear();
            context.stop();
            System.setOut(stdout);
        }

        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("loggerName").asText()).isEqualTo("io.wsfleet.operator.reconciler");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("Invalid spec, nothing applied: spec.tls");
        assertThat(line.path("mdc").path("resource.name").asText()).isEqualTo("chat");
        assertThat(line.path("mdc").path("resource.namespace").asText()).isEqualTo("prod");
    }
}
