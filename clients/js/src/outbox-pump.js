// Moves the outbox's messages onto the connection: each pending entry is transmitted once per
// connection, in order, and the server's answer settles it (or, for "not now" errors, schedules a
// resend).

import { ServerError, retryDelayMs, retryable } from "./server-error.js";

export class OutboxPump {
  #outbox;
  #transmit;
  #emit;
  #canSend;
  #ownChats;
  #transmitted = new Set();

  /**
   * @param {object} parts
   * @param {import("./outbox.js").Outbox} parts.outbox
   * @param {(frame: object) => void} parts.transmit
   * @param {(type: string, event: object) => void} parts.emit
   * @param {() => boolean} parts.canSend whether the connection is open and its rooms are joined
   * @param {import("./own-chats.js").OwnChats} parts.ownChats told the server id of every direct message acked
   */
  constructor({ outbox, transmit, emit, canSend, ownChats }) {
    this.#outbox = outbox;
    this.#transmit = transmit;
    this.#emit = emit;
    this.#canSend = canSend;
    this.#ownChats = ownChats;
    // Entries an earlier page left become visible once loaded: the app can show them as pending.
    outbox.ready().then(() => this.#emitSize());
  }

  /** The pending entries, oldest first. */
  entries() {
    return this.#outbox.entries();
  }

  /** Queues a message (persisted before it is transmitted); resolves with the promise of its ack. */
  async enqueue(id, type, payload) {
    const { settled } = await this.#outbox.add(id, type, payload);
    this.#emitSize();
    this.pump();
    return settled;
  }

  /**
   * A new connection is open: everything pending is to be transmitted on it. Drops expired entries
   * and returns the rooms the remaining ones are addressed to (after a reload the app may not have
   * joined them yet).
   */
  async restart() {
    this.#transmitted.clear();
    await this.#outbox.ready();
    for (const entry of await this.#outbox.expire()) {
      this.#emit("failed", { message_id: entry.id, entry, error: { code: "expired" } });
    }
    return this.#outbox.entries().filter((entry) => entry.type === "room_message").map((entry) => entry.payload.room_id);
  }

  /** Transmits every pending entry not transmitted on this connection yet. */
  pump() {
    if (!this.#canSend()) return;
    for (const entry of this.#outbox.entries()) {
      if (!this.#transmitted.has(entry.id)) {
        this.#transmitted.add(entry.id);
        // dedup: the gateway delivers this message_id once, however often a reconnect resends it.
        this.#transmit({ type: entry.type, payload: entry.payload, message_id: entry.id, dedup: true });
      }
    }
  }

  /** Settles the entry an ack or error answers; returns false when it answers none. */
  settle(type, payload) {
    const id = payload.message_id;
    if (!this.#outbox.has(id)) return false;
    if (type === "ack") {
      if (this.#outbox.entries().find((entry) => entry.id === id).type === "chat") this.#ownChats.sent(payload.server_message_id);
      this.#outbox.resolve(id, payload).then(() => {
        this.#emit("sent", { message_id: id, ack: payload });
        this.#emitSize();
      });
    } else if (retryable(payload.code)) {
      // "Not now": the outbox keeps the message and sends it again later.
      this.#transmitted.delete(id);
      setTimeout(() => this.pump(), retryDelayMs(payload));
    } else {
      this.#outbox.reject(id, new ServerError(payload)).then(() => {
        this.#emit("failed", { message_id: id, error: payload });
        this.#emitSize();
      });
    }
    return true;
  }

  #emitSize() {
    this.#emit("outbox", { pending: this.#outbox.size });
  }
}
