package io.wsfleet.gateway.broker;

/**
 * Where a publication goes. A node subscribes to a room's topic only while it has a local member of the
 * room, to a user's topic only while that user has a local session, to a user's presence topic only
 * while a local session subscribed to it, and always to the broadcast topic.
 */
public sealed interface Topic {

    /** Every member of a room. */
    record Room(String roomId) implements Topic {
    }

    /** Every device of a user. */
    record User(String userId) implements Topic {
    }

    /** Every connected session. */
    record Broadcast() implements Topic {
    }

    /** The sessions that subscribed to a user's presence ({@code presence_subscribe}). */
    record Presence(String userId) implements Topic {
    }

    Broadcast BROADCAST = new Broadcast();
}
