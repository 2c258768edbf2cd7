package io.wsfleet.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonLogFormatter formatter = new JsonLogFormatter();

    @Test
    void aRecordIsOneJsonLineWithTheTemplatesKeysAsFields() throws Exception {
        LogRecord record = new LogRecord(Level.INFO, "connection opened conn={0} user={1} ip={2}");
        record.setLoggerName("io.wsfleet.gateway.ws.ConnectionListener");
        record.setParameters(new Object[] {"c-1", "alice \"the\"\nsecond", "10.0.0.1"});

        String line = formatter.format(record);

        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = JSON.readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("logger").asText()).isEqualTo("io.wsfleet.gateway.ws.ConnectionListener");
        assertThat(json.path("message").asText()).isEqualTo("connection opened conn=c-1 user=alice \"the\"\nsecond ip=10.0.0.1");
        assertThat(json.path("conn").asText()).isEqualTo("c-1");
        assertThat(json.path("user").asText()).isEqualTo("alice \"the\"\nsecond");
        assertThat(json.path("ip").asText()).isEqualTo("10.0.0.1");
        assertThat(json.path("timestamp").asText()).isEqualTo(record.getInstant().toString());
    }

    @Test
    void levelsAreNamedAsTheConfigurationNamesThemAndExceptionsKeepTheirTrace() throws Exception {
        LogRecord record = new LogRecord(Level.SEVERE, "failed");
        record.setThrown(new IllegalStateException("boom"));

        JsonNode json = JSON.readTree(formatter.format(record));

        assertThat(json.path("level").asText()).isEqualTo("ERROR");
        assertThat(json.path("exception").asText()).contains("IllegalStateException: boom", "at ");
        assertThat(JSON.readTree(formatter.format(new LogRecord(Level.FINE, "x"))).path("level").asText())
                .isEqualTo("DEBUG");
    }

    @Test
    void aKeyCannotReplaceAFixedField() throws Exception {
        LogRecord record = new LogRecord(Level.WARNING, "odd level={0}");
        record.setParameters(new Object[] {"forged"});

        JsonNode json = JSON.readTree(formatter.format(record));

        assertThat(json.path("level").asText()).isEqualTo("WARNING");
        assertThat(json.path("message").asText()).isEqualTo("odd level=forged");
    }
}
