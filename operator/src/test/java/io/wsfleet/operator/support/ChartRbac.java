package io.wsfleet.operator.support;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permissions the chart grants, as helm renders it with its defaults: the ClusterRole (bound
 * cluster-wide) and the leader-election Role (in the release namespace), and whether they allow a request.
 */
public final class ChartRbac {

    public static final String RELEASE_NAMESPACE = "wsfleet-system";

    /** One verb on one resource (with its subresource) of one group, granted in a namespace or ("") everywhere. */
    public record Permission(String group, String resource, String verb, String namespace) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + (namespace.isEmpty() ? "" : " in " + namespace);
        }
    }

    private final List<Permission> permissions;

    private ChartRbac(List<Permission> permissions) {
        this.permissions = permissions;
    }

    public static ChartRbac render(Helm helm) throws Exception {
        List<Permission> permissions = new ArrayList<>();
        for (HasMetadata object : helm.template()) {
            if (object instanceof ClusterRole role) {
                add(role.getRules(), "", permissions);
            } else if (object instanceof Role role) {
                add(role.getRules(), role.getMetadata().getNamespace(), permissions);
            }
        }
        return new ChartRbac(permissions);
    }

    private static void add(List<PolicyRule> rules, String namespace, List<Permission> permissions) {
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        permissions.add(new Permission(group, resource, verb, namespace));
                    }
                }
            }
        }
    }

    /** The permission that allows this request, if the chart grants one. */
    public Permission allowing(ApiRequest request) {
        String resource = request.subresource().isEmpty() ? request.resource() : request.resource() + "/" + request.subresource();
        return permissions.stream().filter(permission -> permission.group().equals(request.group())
                        && permission.resource().equals(resource) && permission.verb().equals(request.verb())
                        && (permission.namespace().isEmpty() || permission.namespace().equals(request.namespace())))
                .findFirst().orElse(null);
    }

    /** The requests no permission allows, one line each. */
    public Set<String> refused(List<ApiRequest> requests) {
        Set<String> refused = new TreeSet<>();
        requests.stream().filter(request -> allowing(request) == null).forEach(request -> refused.add(request.toString()));
        return refused;
    }

    public List<Permission> permissions() {
        return permissions;
    }
}
