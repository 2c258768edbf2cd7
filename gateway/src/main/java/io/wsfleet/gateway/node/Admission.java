package io.wsfleet.gateway.node;

import io.wsfleet.gateway.auth.Principal;
import io.wsfleet.gateway.presence.PresenceStore;

/**
 * The device an upgrade was admitted with: recorded in presence, within the user's connection limit,
 * before the socket is accepted. The session that opens on the socket takes it over
 * ({@link Node#connect}); if none does, {@link Node#abandon} gives it back.
 */
public record Admission(Principal principal, String connectionId, PresenceStore.Connected connected) {
}
