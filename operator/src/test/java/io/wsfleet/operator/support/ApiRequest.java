package io.wsfleet.operator.support;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request to the API server, as RBAC sees it: verb, API group ("" for the core group), resource,
 * subresource ("" for none) and namespace ("" for a cluster-wide request); and the object's name ("" for a collection).
 * A request for a non-resource URL has the URL as its resource.
 */
public record ApiRequest(String verb, String group, String resource, String subresource, String namespace, String name) {

    private static final Pattern PATH = Pattern.compile(
            "^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?(?:/([^/]+))?$");

    public boolean isWrite() {
        return !verb.equals("get") && !verb.equals("list") && !verb.equals("watch");
    }

    /** The request's RBAC attributes, from its method and path (with the query, which tells a watch from a list). */
    public static ApiRequest of(String method, String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
        String parameters = query < 0 ? "" : pathAndQuery.substring(query + 1);
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            // a non-resource URL (discovery, /version): RBAC's nonResourceURLs
            return new ApiRequest(method.toLowerCase(Locale.ROOT), "", path, "", "", "");
        }
        // /api/v1/namespaces/x is the namespace itself, not a collection inside it
        String namespace = matcher.group(2) == null ? "" : matcher.group(2);
        boolean named = matcher.group(4) != null;
        String verb = switch (method) {
            case "GET" -> named ? "get" : parameters.matches("(.*&)?watch=(true|1)(&.*)?") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new IllegalArgumentException("unexpected method " + method);
        };
        return new ApiRequest(verb, matcher.group(1) == null ? "" : matcher.group(1), matcher.group(3),
                matcher.group(5) == null ? "" : matcher.group(5), namespace, named ? matcher.group(4) : "");
    }
}
