// Client messages that wait for their answer (join_room, leave_room, resume): each carries a
// message_id, and the `ack` or `error` with that id settles its promise.

import { ServerError } from "./server-error.js";

export class Requests {
  #pending = new Map();
  #drops = 0;
  #newId;
  #transmit;

  /**
   * @param {object} parts
   * @param {() => string} parts.newId
   * @param {(frame: object) => void} parts.transmit sends a frame on the current connection
   */
  constructor({ newId, transmit }) {
    this.#newId = newId;
    this.#transmit = transmit;
  }

  /** Sends a frame and resolves with its ack's payload, or rejects with a ServerError. */
  send(type, payload) {
    const id = this.#newId();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#transmit({ type, payload, message_id: id });
    });
  }

  /** Settles the request an ack or error answers; returns false when it answers none of them. */
  settle(type, payload) {
    const request = this.#pending.get(payload.message_id);
    if (!request) return false;
    this.#pending.delete(payload.message_id);
    if (type === "ack") request.resolve(payload);
    else request.reject(new ServerError(payload));
    return true;
  }

  /** How many times the connection dropped: a request made before a drop is made again on the next connection. */
  get drops() {
    return this.#drops;
  }

  /** The connection dropped: no answer will come. Rejects every pending request with code `disconnected`. */
  failAll() {
    this.#drops += 1;
    for (const request of this.#pending.values()) {
      request.reject(Object.assign(new Error("disconnected"), { code: "disconnected" }));
    }
    this.#pending.clear();
  }
}
