package io.wsfleet.operator.model;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsfleet.operator.api.v1alpha1.AuthSpec;
import io.wsfleet.operator.api.v1alpha1.HistorySpec;
import io.wsfleet.operator.api.v1alpha1.RoomSpec;
import io.wsfleet.operator.api.v1alpha1.RoomType;
import io.wsfleet.operator.api.v1alpha1.WebSocketClusterSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's watched configuration file (WSFLEET_CONFIG), in two parts: what the gateway
 * re-reads while running (limits, origins, history) and what it reads only at start (the drain and
 * rebalancing settings among them: the gateway does not reload those). The hash of the
 * second part goes on the pod template, so that changing it, and only it, rolls the pods.
 * Beside it, in the same folder, the room seed file, which the gateway also re-reads.
 */
public record GatewayConfigFile(Map<String, Object> reloadable, Map<String, Object> restartOnly) {

    /** Where the ConfigMap is mounted in the gateway pods. */
    public static final String DIRECTORY = "/etc/wsfleet/config";
    public static final String FILE_NAME = "gateway.yaml";
    public static final String ROOMS_FILE_NAME = "rooms.yaml";

    public static GatewayConfigFile of(WebSocketClusterSpec spec, ClusterNames names) {
        Map<String, Object> reloadable = new LinkedHashMap<>();
        reloadable.put("limits", Map.of(
                "max-connections-per-user", spec.limits().maxConnectionsPerUser(),
                "messages-per-minute", spec.limits().messagesPerMinute(),
                "connections-per-ip-per-hour", spec.limits().connectionsPerIpPerHour()));
        reloadable.put("origins", Map.of("allowed", String.join(",", spec.origins())));
        if (!history(spec.history()).isEmpty()) {
            reloadable.put("history", history(spec.history()));
        }

        Map<String, Object> restartOnly = new LinkedHashMap<>();
        restartOnly.put("session", Map.of(
                "max-message-bytes", spec.limits().maxMessageBytes(),
                "shutdown-grace-seconds", spec.gateway().drainSeconds()));
        restartOnly.put("auth", auth(spec.auth()));
        restartOnly.put("rooms", Map.of("seed-file", DIRECTORY + "/" + ROOMS_FILE_NAME));
        restartOnly.put("presence", Map.of("announce-online", spec.gateway().announceOnline(),
                "reconnect-grace-seconds", spec.gateway().drain().reconnectGraceSeconds()));
        restartOnly.put("drain", Map.of(
                "deregistration-delay-seconds", spec.gateway().drain().deregistrationDelaySeconds(),
                "window-seconds", spec.gateway().drain().windowSeconds()));
        restartOnly.put("rebalance", Map.of(
                "enabled", spec.gateway().rebalance().enabled(),
                "margin-percent", spec.gateway().rebalance().marginPercent(),
                "max-sheds-per-second", spec.gateway().rebalance().maxShedsPerSecond()));
        restartOnly.put("redis", spec.redis().managedByOperator()
                ? Map.of("url", names.redisUrl(spec.redis().managed()), "cluster", false)
                : Map.of("url", spec.redis().external().url(), "cluster", spec.redis().external().cluster()));
        return new GatewayConfigFile(reloadable, restartOnly);
    }

    private static Map<String, Object> auth(AuthSpec auth) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("algorithm", auth.algorithm());
        keys.put("issuer", auth.issuer());
        keys.put("audience", auth.audience());
        keys.put("key-overlap-seconds", auth.keyOverlapSeconds());
        return keys;
    }

    /** The settings given, under the gateway's names; an unset one is left out, so the gateway's default applies. */
    private static Map<String, Object> history(HistorySpec history) {
        Map<String, Object> keys = new LinkedHashMap<>();
        if (history.size() != null) {
            keys.put("size", history.size());
        }
        if (history.ttlSeconds() != null) {
            keys.put("ttl-seconds", history.ttlSeconds());
        }
        return keys;
    }

    /** The room seed file's text: the gateway's format, {@code rooms: [{id, type, members, encrypted, history}]}. */
    public static String roomsContent(List<RoomSpec> rooms) {
        List<Map<String, Object>> entries = rooms.stream().map(GatewayConfigFile::room).toList();
        return yaml(Map.of("rooms", entries));
    }

    private static Map<String, Object> room(RoomSpec room) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", room.id());
        entry.put("type", room.type() == RoomType.PRIVATE ? "private" : "public");
        entry.put("members", room.members());
        if (room.encrypted()) {
            entry.put("encrypted", true);
        }
        if (!history(room.history()).isEmpty()) {
            entry.put("history", history(room.history()));
        }
        return entry;
    }

    /** The file's text: both parts, keys in a stable order. */
    public String content() {
        Map<String, Object> all = new LinkedHashMap<>(reloadable);
        all.putAll(restartOnly);
        return yaml(all);
    }

    /** Changes exactly when a setting the gateway cannot reload changes. */
    public String restartHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(yaml(restartOnly).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String yaml(Map<String, Object> map) {
        return Serialization.asYaml(sorted(map));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sorted(Map<String, Object> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((key, value) -> sorted.put(key, value instanceof Map<?, ?> nested ? sorted((Map<String, Object>) nested) : value));
        return sorted;
    }
}
