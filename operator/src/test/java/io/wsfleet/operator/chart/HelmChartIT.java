package io.wsfleet.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.wsfleet.operator.OperatorConfig;
import io.wsfleet.operator.model.ConnectionsQuery;
import io.wsfleet.operator.reconciler.WebSocketClusterReconciler;
import io.wsfleet.operator.support.Helm;
import io.wsfleet.operator.support.OperatorHarness;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart, linted and rendered by a real helm binary; assertions on the objects it renders. */
class HelmChartIT {

    static Helm helm;

    @BeforeAll
    static void fetchHelm() throws Exception {
        helm = Helm.fetch();
    }

    @Test
    void lintPasses() throws Exception {
        Helm.Result lint = helm.helm("lint", Helm.CHART.toString(), "--strict");
        assertThat(lint.status()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("0 chart(s) failed");
    }

    @Test
    void theCrdIsTheGeneratedOneAndSurvivesUninstall() throws Exception {
        CustomResourceDefinition rendered = only(helm.template(), CustomResourceDefinition.class);
        CustomResourceDefinition generated = new KubernetesSerialization()
                .unmarshal(Files.readString(OperatorHarness.CRD), CustomResourceDefinition.class);

        assertThat(rendered.getSpec()).isEqualTo(generated.getSpec());
        assertThat(rendered.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(helm.template("crds.install=false")).noneMatch(CustomResourceDefinition.class::isInstance);
    }

    @Test
    void theOperatorRunsRestrictedWithProbesOnItsHealthPort() throws Exception {
        List<HasMetadata> objects = helm.template();
        Deployment deployment = only(objects, Deployment.class);
        Container operator = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(operator.getImage()).isEqualTo("ghcr.io/wsfleet/operator:0.1.0");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(only(objects, ServiceAccount.class).getMetadata().getName());
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(operator.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo(operator.getReadinessProbe().getHttpGet().getPort().getStrVal());
            assertThat(port.getContainerPort()).isEqualTo(8081);
        });
    }

    @Test
    void theOperatorUnderstandsTheEnvironmentTheChartSets() throws Exception {
        Container operator = only(helm.template("watchNamespaces={team-a,team-b}", "gatewayImage=registry.example/gw:7",
                "leaderElection=false"), Deployment.class).getSpec().getTemplate().getSpec().getContainers().getFirst();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : operator.getEnv()) {
            env.put(var.getName(), var.getValue() != null ? var.getValue() : "from-" + var.getValueFrom().getFieldRef().getFieldPath());
        }

        OperatorConfig config = OperatorConfig.fromEnvironment(env);
        assertThat(config.namespaces()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(config.settings().gatewayImage()).isEqualTo("registry.example/gw:7");
        assertThat(config.settings().redisImage()).isEqualTo("redis:7.4-alpine");
        assertThat(config.leaderElection()).isFalse();
        assertThat(config.healthPort()).isEqualTo(operator.getPorts().getFirst().getContainerPort());
    }

    @Test
    void rbacCoversEveryManagedKindAndNothingMore() throws Exception {
        List<HasMetadata> objects = helm.template();
        List<PolicyRule> rules = only(objects, ClusterRole.class).getRules();

        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.getVerbs()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*");
            assertThat(rule.getApiGroups()).doesNotContain("*");
        });
        Map<String, List<String>> verbs = new LinkedHashMap<>();
        rules.forEach(rule -> rule.getResources().forEach(resource ->
                verbs.put(rule.getApiGroups().getFirst() + "/" + resource, rule.getVerbs())));
        assertThat(verbs).containsOnlyKeys("wsfleet.io/websocketclusters", "wsfleet.io/websocketclusters/status",
                "wsfleet.io/websocketclusters/finalizers", "/configmaps", "/services", "/secrets", "apps/deployments", "apps/statefulsets",
                "autoscaling/horizontalpodautoscalers", "policy/poddisruptionbudgets", "networking.k8s.io/networkpolicies",
                "monitoring.coreos.com/servicemonitors", "keda.sh/scaledobjects");
        assertThat(verbs.get("wsfleet.io/websocketclusters")).containsExactly("list", "watch");
        assertThat(verbs.get("/secrets")).as("read by name and created, never listed").containsExactly("get", "create");
        assertThat(only(objects, ClusterRoleBinding.class).getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo(only(objects, ServiceAccount.class).getMetadata().getName()));
        assertThat(objects).filteredOn(Role.class::isInstance).singleElement().satisfies(role -> {
            assertThat(role.getMetadata().getNamespace()).isEqualTo("wsfleet-system");
            assertThat(((Role) role).getRules()).singleElement()
                    .satisfies(rule -> assertThat(rule.getResources()).containsExactly("leases"));
        });
    }

    @Test
    void rbacLetsTheOperatorCreateEveryKindOfItsWorkflow() throws Exception {
        Map<String, List<String>> verbs = new LinkedHashMap<>();
        only(helm.template(), ClusterRole.class).getRules().forEach(rule -> rule.getResources().forEach(resource ->
                verbs.put(rule.getApiGroups().getFirst() + "/" + resource, rule.getVerbs())));

        Workflow workflow = WebSocketClusterReconciler.class.getAnnotation(Workflow.class);
        assertThat(workflow.dependents()).isNotEmpty().allSatisfy(dependent -> {
            Class<? extends HasMetadata> kind = managedKind(dependent.type());
            String key = HasMetadata.getGroup(kind) + "/" + HasMetadata.getPlural(kind);
            assertThat(verbs.get(key)).as(key).contains("list", "watch", "create", "update");
        });
    }

    /** The object type of a dependent: the first type argument of its JOSDK superclass. */
    @SuppressWarnings("unchecked")
    private static Class<? extends HasMetadata> managedKind(Class<?> dependent) {
        ParameterizedType superclass = (ParameterizedType) dependent.getGenericSuperclass();
        return (Class<? extends HasMetadata>) superclass.getActualTypeArguments()[0];
    }

    @Test
    void watchedNamespacesGetRolesInsteadOfAClusterRole() throws Exception {
        List<HasMetadata> objects = helm.template("watchNamespaces={team-a,team-b}", "leaderElection=false");

        assertThat(objects).noneMatch(ClusterRole.class::isInstance).noneMatch(ClusterRoleBinding.class::isInstance);
        assertThat(objects).filteredOn(Role.class::isInstance).extracting(role -> role.getMetadata().getNamespace())
                .containsExactlyInAnyOrder("team-a", "team-b");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onRequestTheChartWritesAPrometheusAdapterConfigurationWithTheOperatorsRule() throws Exception {
        assertThat(helm.template()).noneMatch(ConfigMap.class::isInstance);
        ConfigMap adapter = only(helm.template("prometheusAdapter.rulesConfigMap.create=true",
                "prometheusAdapter.rulesConfigMap.namespace=monitoring"), ConfigMap.class);
        Map<String, Object> config = new KubernetesSerialization().unmarshal(adapter.getData().get("config.yaml"), Map.class);
        Map<String, Object> rule = new KubernetesSerialization().unmarshal(
                Files.readString(Helm.REPO.resolve("operator/src/main/resources/io/wsfleet/operator/model/prometheus-adapter-rule.yaml")),
                Map.class);

        assertThat(adapter.getMetadata().getNamespace()).isEqualTo("monitoring");
        assertThat(config).isEqualTo(Map.of("rules", List.of(rule)));
        assertThat(rule.get("metricsQuery")).isEqualTo(ConnectionsQuery.RULE.template());
    }

    @Test
    void theValuesSchemaRefusesNonsense() throws Exception {
        for (String bad : List.of("replicaCount=0", "leaderElection=maybe", "unknownKey=1", "watchNamespaces={Not_A_Namespace}",
                "prometheusAdapter.rulesConfigMap.create=yes", "prometheusAdapter.rulesConfigMap.namespace=Not_A_Namespace")) {
            Helm.Result result = helm.helm("template", "wsfleet", Helm.CHART.toString(), "--set", bad);
            assertThat(result.status()).as(bad).isNotZero();
            assertThat(result.output()).as(bad).contains("values don't meet the specifications of the schema");
        }
    }

    @Test
    void notesTellTheUserWhatToApplyNext() throws Exception {
        Helm.Result install = helm.helm("install", "wsfleet", Helm.CHART.toString(), "--namespace", "wsfleet-system",
                "--dry-run=client");
        assertThat(install.status()).as(install.output()).isZero();
        assertThat(install.output()).contains("NOTES:").contains("kind: WebSocketCluster").contains("kubectl apply -f -")
                .contains("jsonpath='{.status.endpoint}'").contains("watches every namespace");
    }

    private static <T> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as(type.getSimpleName()).hasSize(1);
        return matching.getFirst();
    }
}
