// Messages the application sent that the server has not answered yet, in send order. Each entry keeps
// its client message_id for life: a resend after a reconnect (or a reload) carries the same id, and
// the gateway delivers a message_id at most once per user within its de-duplication window.

/** Why the outbox refused or dropped a message. */
export class OutboxError extends Error {
  /** @param {"outbox_full" | "expired"} code */
  constructor(code, message) {
    super(message);
    this.name = "OutboxError";
    this.code = code;
  }
}

export class Outbox {
  #store;
  #entries = [];
  #waiters = new Map();
  #seq = 0;
  #now;
  #loaded;

  /**
   * @param {object} options
   * @param {object} options.store a MemoryOutboxStore, IndexedDbOutboxStore or alike
   * @param {number} [options.maxSize=500] entries at most; a send beyond is refused
   * @param {number} [options.maxAgeMs=300000] entries older than this are dropped, never resent;
   *   keep it below the gateway's MESSAGE_DEDUP_WINDOW_SECONDS
   * @param {() => number} [options.now=Date.now]
   */
  constructor({ store, maxSize = 500, maxAgeMs = 300_000, now = Date.now }) {
    this.#store = store;
    this.maxSize = maxSize;
    this.maxAgeMs = maxAgeMs;
    this.#now = now;
    this.#loaded = store.load().then((stored) => {
      this.#entries = stored;
      this.#seq = Math.max(0, ...stored.map((entry) => entry.seq + 1));
    });
  }

  /** Resolves once the entries persisted by an earlier page (or process) are in. */
  ready() {
    return this.#loaded;
  }

  get size() {
    return this.#entries.length;
  }

  /** The pending entries, oldest first. */
  entries() {
    return [...this.#entries];
  }

  /**
   * Queues a message. Returns `{entry, settled}`: `entry` once persisted, `settled` resolving with the
   * server's ack payload or rejecting with its error (or an OutboxError).
   */
  async add(id, type, payload) {
    await this.#loaded; // new entries go after those an earlier page left
    if (this.#entries.length >= this.maxSize) {
      throw new OutboxError("outbox_full", `the outbox holds ${this.maxSize} unsent messages already`);
    }
    const entry = { id, type, payload, createdAt: this.#now(), seq: this.#seq++ };
    this.#entries.push(entry);
    const settled = new Promise((resolve, reject) => this.#waiters.set(id, { resolve, reject }));
    settled.catch(() => {}); // the caller may ignore it; rejections are also reported as events
    try {
      await this.#store.put(entry);
    } catch (error) {
      // Not persisted (a full disk, a private window): refuse rather than keep a message a reload loses.
      this.#entries.splice(this.#entries.indexOf(entry), 1);
      this.#waiters.delete(id);
      throw error;
    }
    return { entry, settled };
  }

  has(id) {
    return this.#entries.some((entry) => entry.id === id);
  }

  /** The server acked the message: it leaves the outbox. Returns whether it was pending. */
  async resolve(id, ack) {
    return this.#settle(id, (waiter) => waiter.resolve(ack));
  }

  /** The server refused the message, or it expired: it leaves the outbox. */
  async reject(id, error) {
    return this.#settle(id, (waiter) => waiter.reject(error));
  }

  /** Drops the entries older than maxAgeMs, rejecting them; returns the dropped entries. */
  async expire() {
    const limit = this.#now() - this.maxAgeMs;
    const expired = this.#entries.filter((entry) => entry.createdAt < limit);
    for (const entry of expired) {
      await this.reject(entry.id, new OutboxError("expired", `not sent within ${this.maxAgeMs} ms`));
    }
    return expired;
  }

  async #settle(id, outcome) {
    const index = this.#entries.findIndex((entry) => entry.id === id);
    if (index < 0) return false;
    this.#entries.splice(index, 1);
    const waiter = this.#waiters.get(id);
    this.#waiters.delete(id);
    if (waiter) outcome(waiter);
    await this.#store.delete(id);
    return true;
  }
}
