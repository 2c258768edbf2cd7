package io.wsfleet.operator.reconciler;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterStatus;
import io.wsfleet.operator.dependent.AdminNamespacesAreNamed;
import io.wsfleet.operator.dependent.AdminNetworkPolicyDependent;
import io.wsfleet.operator.dependent.AutoscalerDependent;
import io.wsfleet.operator.dependent.CustomKindStep;
import io.wsfleet.operator.dependent.DisruptionBudgetDependent;
import io.wsfleet.operator.dependent.GatewayAdminServiceDependent;
import io.wsfleet.operator.dependent.GatewayConfigMapDependent;
import io.wsfleet.operator.dependent.GatewayDeploymentDependent;
import io.wsfleet.operator.dependent.GatewayServiceDependent;
import io.wsfleet.operator.dependent.HpaIsChosen;
import io.wsfleet.operator.dependent.RedisDisruptionBudgetDependent;
import io.wsfleet.operator.dependent.RedisHasSentinels;
import io.wsfleet.operator.dependent.RedisHeadlessServiceDependent;
import io.wsfleet.operator.dependent.RedisIsManaged;
import io.wsfleet.operator.dependent.RedisSecretStep;
import io.wsfleet.operator.dependent.RedisServiceDependent;
import io.wsfleet.operator.dependent.RedisStatefulSetDependent;
import io.wsfleet.operator.dependent.Settings;
import io.wsfleet.operator.model.OperatorSettings;
import io.wsfleet.operator.model.SpecProblem;
import io.wsfleet.operator.model.SpecValidation;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the spec, applies the dependents (explicitly, so that an invalid spec applies
 * nothing), and computes the status, written only when it changed.
 */
// reconciled at least every 5 minutes: a failure that outlived JOSDK's retries (a name taken by an object the
// operator does not own) is tried again without waiting for an event
@ControllerConfiguration(name = WebSocketClusterReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = WebSocketClusterReconciler.REDIS, type = RedisStatefulSetDependent.class,
                reconcilePrecondition = RedisIsManaged.class),
        @Dependent(name = WebSocketClusterReconciler.REDIS_SERVICE, type = RedisServiceDependent.class,
                reconcilePrecondition = RedisIsManaged.class),
        @Dependent(name = WebSocketClusterReconciler.REDIS_HEADLESS_SERVICE, type = RedisHeadlessServiceDependent.class,
                reconcilePrecondition = RedisHasSentinels.class),
        @Dependent(name = WebSocketClusterReconciler.REDIS_DISRUPTION_BUDGET, type = RedisDisruptionBudgetDependent.class,
                reconcilePrecondition = RedisIsManaged.class),
        @Dependent(name = WebSocketClusterReconciler.GATEWAY_CONFIG, type = GatewayConfigMapDependent.class),
        @Dependent(name = WebSocketClusterReconciler.GATEWAY, type = GatewayDeploymentDependent.class,
                dependsOn = WebSocketClusterReconciler.GATEWAY_CONFIG),
        @Dependent(name = WebSocketClusterReconciler.GATEWAY_SERVICE, type = GatewayServiceDependent.class),
        @Dependent(name = WebSocketClusterReconciler.AUTOSCALER, type = AutoscalerDependent.class,
                reconcilePrecondition = HpaIsChosen.class, dependsOn = WebSocketClusterReconciler.GATEWAY),
        @Dependent(name = WebSocketClusterReconciler.DISRUPTION_BUDGET, type = DisruptionBudgetDependent.class),
        @Dependent(name = WebSocketClusterReconciler.ADMIN_SERVICE, type = GatewayAdminServiceDependent.class),
        @Dependent(name = WebSocketClusterReconciler.ADMIN_NETWORK_POLICY, type = AdminNetworkPolicyDependent.class,
                reconcilePrecondition = AdminNamespacesAreNamed.class),
})
public class WebSocketClusterReconciler implements Reconciler<WebSocketCluster> {

    public static final String NAME = "websocketcluster";
    static final String REDIS = "redis";
    static final String REDIS_SERVICE = "redis-service";
    static final String REDIS_HEADLESS_SERVICE = "redis-headless-service";
    static final String REDIS_DISRUPTION_BUDGET = "redis-disruption-budget";
    static final String GATEWAY_CONFIG = "gateway-config";
    static final String GATEWAY = "gateway";
    static final String GATEWAY_SERVICE = "gateway-service";
    static final String AUTOSCALER = "autoscaler";
    static final String DISRUPTION_BUDGET = "disruption-budget";
    static final String ADMIN_SERVICE = "admin-service";
    static final String ADMIN_NETWORK_POLICY = "admin-network-policy";

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketClusterReconciler.class);

    private final OperatorSettings settings;
    private final Clock clock;

    public WebSocketClusterReconciler(OperatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public UpdateControl<WebSocketCluster> reconcile(WebSocketCluster resource, Context<WebSocketCluster> context) {
        List<SpecProblem> problems = SpecValidation.problems(resource.getSpec());
        WebSocketClusterStatus status;
        if (!problems.isEmpty()) {
            LOG.warn("Invalid spec, nothing applied: {}", problems);
            status = ClusterStatus.invalid(resource, problems, clock.instant());
        } else {
            Settings.put(context, settings);
            RedisSecretStep.reconcile(resource, context.getClient());
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            CustomKindStep.SERVICE_MONITOR.reconcile(resource, context.getClient());
            CustomKindStep.SCALED_OBJECT.reconcile(resource, context.getClient());
            status = ClusterStatus.observed(resource, observe(context), clock.instant());
        }
        return withStatus(resource, status);
    }

    private static Observed observe(Context<WebSocketCluster> context) {
        return new Observed(
                context.getSecondaryResource(StatefulSet.class, REDIS).orElse(null),
                context.getSecondaryResource(Deployment.class, GATEWAY).orElse(null),
                context.getSecondaryResource(Service.class, GATEWAY_SERVICE).orElse(null));
    }

    /** A failed attempt (refused by the API server, for instance) shows in Ready until JOSDK's retries succeed. */
    @Override
    public ErrorStatusUpdateControl<WebSocketCluster> updateErrorStatus(WebSocketCluster resource, Context<WebSocketCluster> context,
                                                                        Exception failure) {
        LOG.warn("Reconciliation failed: {}", failure.toString());
        WebSocketClusterStatus status = ClusterStatus.failed(resource, failure, clock.instant());
        if (Objects.equals(status, resource.getStatus())) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        resource.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(resource);
    }

    private static UpdateControl<WebSocketCluster> withStatus(WebSocketCluster resource, WebSocketClusterStatus status) {
        if (Objects.equals(status, resource.getStatus())) {
            return UpdateControl.noUpdate();
        }
        resource.setStatus(status);
        return UpdateControl.patchStatus(resource);
    }
}
