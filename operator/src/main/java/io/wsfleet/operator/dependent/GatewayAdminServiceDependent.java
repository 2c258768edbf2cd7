package io.wsfleet.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.wsfleet.operator.api.v1alpha1.WebSocketCluster;
import io.wsfleet.operator.model.AdminModel;

/** The ClusterIP Service of the admin port: backends publish through it, Prometheus scrapes through it. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.ADMIN_SERVICE))
public class GatewayAdminServiceDependent extends OwnedDependent<Service> {

    public GatewayAdminServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service build(WebSocketCluster primary, Context<WebSocketCluster> context) {
        return AdminModel.service(primary);
    }
}
