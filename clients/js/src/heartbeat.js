// Application-level pings, and the detection of a connection that went silent: a dead peer behind a
// NAT or a black-holed network sends no close, so silence past interval + timeout counts as a drop.

export class Heartbeat {
  #intervalMs;
  #timeoutMs;
  #timer = null;
  #lastSeen = 0;

  constructor({ intervalMs, timeoutMs }) {
    this.#intervalMs = intervalMs;
    this.#timeoutMs = timeoutMs;
  }

  /** Every interval: `ping()`, or `dead()` once nothing was received for interval + timeout. */
  start({ ping, dead }) {
    this.stop();
    this.seen();
    this.#timer = setInterval(() => {
      if (Date.now() - this.#lastSeen > this.#intervalMs + this.#timeoutMs) dead();
      else ping();
    }, this.#intervalMs);
    this.#timer.unref?.();
  }

  /** Something arrived: the connection is alive. */
  seen() {
    this.#lastSeen = Date.now();
  }

  stop() {
    clearInterval(this.#timer);
  }
}
