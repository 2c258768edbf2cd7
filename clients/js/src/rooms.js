// The rooms this client is in: joined on every connection, each with its position so that the
// gateway replays what the room missed, their join promises, and the member list of each join ack.

import { membersAfter } from "./members.js";
import { roomStream } from "./positions.js";
import { retryDelayMs, retryable } from "./server-error.js";

export class Rooms {
  #ids = new Set();
  #waiters = new Map();
  #presenceDuringJoin = new Map();
  #joinedBefore = new Set();
  #requests;
  #recovery;
  #positions;
  #emit;

  /**
   * @param {object} parts
   * @param {import("./requests.js").Requests} parts.requests
   * @param {import("./recovery.js").Recovery} parts.recovery
   * @param {import("./positions.js").Positions} parts.positions
   * @param {(type: string, event: object) => void} parts.emit
   */
  constructor({ requests, recovery, positions, emit }) {
    this.#requests = requests;
    this.#recovery = recovery;
    this.#positions = positions;
    this.#emit = emit;
  }

  /** Rooms this client is in, or will join on the next connection. */
  get ids() {
    return [...this.#ids];
  }

  has(roomId) {
    return this.#ids.has(roomId);
  }

  /** Adds a room, to be joined now or on the next connection; resolves with its join ack. */
  add(roomId) {
    this.#ids.add(roomId);
    return new Promise((resolve, reject) => {
      if (!this.#waiters.has(roomId)) this.#waiters.set(roomId, []);
      this.#waiters.get(roomId).push({ resolve, reject });
    });
  }

  /** Rooms whose join() is not answered yet. */
  awaitingJoin() {
    return [...this.#waiters.keys()];
  }

  /**
   * Joins a room on the current connection, with `since` when the room has a position. Resolves with
   * `{roomId, lost}` once joined, or null when it was not (refused, or the connection dropped: then
   * it is joined on the next one). A refusal that means "not now" (the cluster's state unreachable
   * for a moment, as during a rollout under load) is asked again on the same connection: the room is
   * not given up. `resync` marks the members event of a re-join after a reconnect.
   */
  async join(roomId, resync = false) {
    const drops = this.#requests.drops;
    const changes = [];
    this.#presenceDuringJoin.set(roomId, changes);
    try {
      const { ack: reply, lost } = await this.#recovery.request(roomStream(roomId), { stream: "room", room_id: roomId },
        this.#joinedBefore.has(roomId), "join_room", { room_id: roomId });
      this.#joinedBefore.add(roomId);
      const ack = { ...reply, members: membersAfter(reply.members, changes) };
      this.#settleWaiters(roomId, (waiter) => waiter.resolve(ack));
      this.#emit("members", { room_id: roomId, members: ack.members, resync });
      return { roomId, lost };
    } catch (error) {
      if (error.code === "disconnected") return null; // joined again on the next connection
      if (retryable(error.code)) return this.#joinAgain(roomId, resync, drops, error.payload);
      this.#ids.delete(roomId);
      this.#positions.forget(roomStream(roomId));
      this.#settleWaiters(roomId, (waiter) => waiter.reject(error));
      return null;
    } finally {
      this.#presenceDuringJoin.delete(roomId);
    }
  }

  /** Asks again after the refusal's delay, unless the room was left or the connection dropped meanwhile. */
  async #joinAgain(roomId, resync, drops, refusal) {
    await new Promise((wake) => setTimeout(wake, retryDelayMs(refusal)));
    if (this.#requests.drops !== drops || !this.#ids.has(roomId)) return null;
    return this.join(roomId, resync);
  }

  /** Leaves a room (on the connection when `connected`); it is no longer joined, nor its position kept. */
  async leave(roomId, connected) {
    this.#ids.delete(roomId);
    this.#joinedBefore.delete(roomId);
    try {
      if (connected) await this.#requests.send("leave_room", { room_id: roomId });
    } catch (error) {
      if (error.code !== "not_in_room") throw error;
    } finally {
      this.#positions.forget(roomStream(roomId)); // after the ack: no frame of the room follows it
    }
  }

  /** A user_joined or user_left: applied to the member list of a join under way. */
  onPresence(frame) {
    this.#presenceDuringJoin.get(frame.payload.room_id)?.push(frame);
  }

  /** The client gave up: no join will be answered. */
  failAll(detail) {
    for (const roomId of this.#waiters.keys()) {
      this.#settleWaiters(roomId, (waiter) => waiter.reject(Object.assign(new Error("connection closed"), detail)));
    }
  }

  #settleWaiters(roomId, outcome) {
    for (const waiter of this.#waiters.get(roomId) ?? []) outcome(waiter);
    this.#waiters.delete(roomId);
  }
}
