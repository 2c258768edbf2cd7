package io.wsfleet.gateway.room;

/** Public rooms admit anyone authenticated; private rooms admit members only. */
public enum RoomType { PUBLIC, PRIVATE }
