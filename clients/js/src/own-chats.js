// Direct messages this client sent. The gateway keeps each one in the sender's own stream too (for
// the sender's other devices) but does not deliver it to the connection that sent it; the replay
// after a reconnect would hand it back. The client knows it by the server message id of its ack.

const REMEMBERED = 1000; // the gateway's default history size per stream: what one replay can hold

export class OwnChats {
  #ids = new Set();

  /** A direct message of this client was acked with `serverMessageId`. */
  sent(serverMessageId) {
    this.#ids.add(serverMessageId);
    if (this.#ids.size > REMEMBERED) this.#ids.delete(this.#ids.values().next().value);
  }

  /** Whether `frame` is one of this client's own direct messages coming back (not one to itself). */
  isOwn(frame) {
    return frame.type === "chat" && frame.payload?.to !== frame.from && this.#ids.has(frame.message_id);
  }
}
