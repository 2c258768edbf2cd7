package io.wsfleet.operator.model;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The gateways' open connections per pod in PromQL, from one template for both ways of autoscaling on them:
 * prometheus-adapter's rule ({@value #RULE_RESOURCE}, which the chart ships) expands its {@code metricsQuery} per pod
 * for the HPA's Pods metric, and the operator expands the same template over one cluster's pods into the single
 * value KEDA's Prometheus trigger reads: the mean of the pods' connections.
 */
public record ConnectionsQuery(String metricName, String series, String template) {

    static final String RULE_RESOURCE = "prometheus-adapter-rule.yaml";
    /** The rule of the resource beside this class. */
    public static final ConnectionsQuery RULE = load();

    /** As prometheus-adapter fills in its template: {@code <<.Series>>}, {@code <<.LabelMatchers>>}, {@code <<.GroupBy>>}. */
    public String expand(String labelMatchers, String groupBy) {
        return template.replace("<<.Series>>", series).replace("<<.LabelMatchers>>", labelMatchers).replace("<<.GroupBy>>", groupBy);
    }

    /**
     * One series, grouped by nothing: the mean over this cluster's gateway pods (named {@code <deployment>-<hash>-<suffix>},
     * so that a cluster named {@code chat-gateway} in the same namespace is not counted with {@code chat}).
     */
    public String ofCluster(ClusterNames names) {
        String pods = names.gateway().replace(".", "[.]") + "-[a-z0-9]+-[a-z0-9]+";
        return expand("namespace=\"" + names.namespace() + "\",pod=~\"" + pods + "\"", "");
    }

    @SuppressWarnings("unchecked")
    private static ConnectionsQuery load() {
        try (InputStream in = ConnectionsQuery.class.getResourceAsStream(RULE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RULE_RESOURCE + " is missing from the operator's class path");
            }
            Map<String, Object> rule = new KubernetesSerialization().unmarshal(in, Map.class);
            String seriesQuery = (String) rule.get("seriesQuery");
            return new ConnectionsQuery((String) ((Map<String, Object>) rule.get("name")).get("as"),
                    seriesQuery.substring(0, seriesQuery.indexOf('{')), (String) rule.get("metricsQuery"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
