package io.wsfleet.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wsfleet.gateway.support.RedisServer;
import io.wsfleet.gateway.support.Scrape;
import io.wsfleet.gateway.support.TestClient;
import io.wsfleet.gateway.support.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the Prometheus alerts under {@code examples/observability} ask only for
 * meters a running gateway (with Redis, so that every meter exists) really exports, and
 * {@code docs/operations.md} describes every gateway meter.
 */
class ObservabilityExamplesIT {
    /** Maven runs the tests with the module folder as the working directory. */
    private static final Path EXAMPLES = Path.of("..", "examples", "observability");
    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md");
    /** Metric names in PromQL: the gateway's own, the JVM's and the process's. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:wsfleet|jvm|process|system)_[a-z0-9_]+\\b");
    private static final Pattern HISTOGRAM_SAMPLE = Pattern.compile("_(bucket|count|sum|max)$");

    private static RedisServer redis;
    private static TestGateway gateway;
    private static Set<String> exported;

    @BeforeAll
    static void scrapeAGatewayWithTraffic() {
        redis = RedisServer.start();
        gateway = TestGateway.start(Map.of("REDIS_URL", redis.uri(), "REDIS_PREFIX", "examples"));
        try (TestClient client = gateway.connect("ex-user")) {
            client.join("ex-room");
            client.send("room_message", TestClient.payload("room_id", "ex-room", "message", "hi"), "m");
            client.awaitAck("m");
        }
        exported = Scrape.of(gateway).names();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        redis.close();
    }

    @Test
    void everyDashboardQueryNamesExportedMeters() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(EXAMPLES.resolve("grafana-dashboard.json").toFile());
        List<String> queries = dashboard.findValuesAsText("expr");

        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        for (String query : queries) {
            assertThat(metrics(query)).as("meters in %s", query).isNotEmpty();
        }
        // Every string in the dashboard: queries, and the job variable's label_values(...).
        Set<String> named = metrics(dashboard.toString());
        assertThat(exported).as("meters the dashboard names").containsAll(named);
        assertThat(named).as("what the dashboard must show").contains("wsfleet_connections",
                "wsfleet_messages_received_total", "wsfleet_messages_delivered_total",
                "wsfleet_delivery_latency_seconds_bucket", "wsfleet_redis_connected",
                "wsfleet_upgrades_refused_total", "wsfleet_limit_refusals_total", "wsfleet_slow_client_closes_total");
        assertThat(String.join("\n", queries)).contains("histogram_quantile(0.5,", "histogram_quantile(0.99,");
    }

    @Test
    void everyAlertNamesExportedMetersAndSaysWhatItMeans() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(EXAMPLES.resolve("prometheus-alerts.yaml")));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : list(file.get("groups"))) {
            rules.addAll(list(group.get("rules")));
        }

        assertThat(rules).extracting(rule -> rule.get("alert")).contains("WsfleetRedisDown",
                "WsfleetDeliveryLatencyHigh", "WsfleetUpgradeRefusalSpike", "WsfleetLimitRefusalSpike");
        for (Map<String, Object> rule : rules) {
            String query = String.valueOf(rule.get("expr"));
            assertThat(metrics(query)).as("meters in alert %s", rule.get("alert")).isNotEmpty();
            assertThat(exported).as("meters alert %s names", rule.get("alert")).containsAll(metrics(query));
            assertThat(map(rule.get("labels"))).containsKey("severity");
            assertThat(map(rule.get("annotations"))).containsKeys("summary", "description");
        }
    }

    @Test
    void operationsDocDescribesEveryGatewayMeter() throws IOException {
        String doc = Files.readString(OPERATIONS);
        Set<String> meters = new TreeSet<>();
        for (String name : exported) {
            if (name.startsWith("wsfleet_")) {
                meters.add(HISTOGRAM_SAMPLE.matcher(name).replaceFirst(""));
            }
        }

        // Histograms reduced to their name; the Redis gauge exists because this gateway has Redis.
        assertThat(meters).contains("wsfleet_connections", "wsfleet_delivery_latency_seconds", "wsfleet_redis_connected");
        for (String meter : meters) {
            assertThat(doc).as("%s describes %s", OPERATIONS, meter).contains("`" + meter + "`");
        }
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
