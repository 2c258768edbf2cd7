// Reconnect delays: exponential backoff with full jitter (a random delay between 0 and the capped
// exponential bound), so that thousands of clients dropped at once by one gateway do not come back
// in lockstep. "now" closes (a draining gateway) wait only a small jitter.

export class Backoff {
  /**
   * @param {object} [options]
   * @param {number} [options.minDelayMs=500] bound of the first attempt
   * @param {number} [options.maxDelayMs=30000] cap of the bound
   * @param {number} [options.nowJitterMs=250] largest delay of a reconnect-now attempt
   * @param {number} [options.maxAttempts=Infinity] backoff attempts before giving up
   * @param {() => number} [options.random=Math.random] a number in [0, 1)
   */
  constructor({ minDelayMs = 500, maxDelayMs = 30_000, nowJitterMs = 250, maxAttempts = Infinity, random = Math.random } = {}) {
    if (!(minDelayMs > 0) || !(maxDelayMs >= minDelayMs)) {
      throw new RangeError("backoff needs 0 < minDelayMs <= maxDelayMs");
    }
    this.minDelayMs = minDelayMs;
    this.maxDelayMs = maxDelayMs;
    this.nowJitterMs = nowJitterMs;
    this.maxAttempts = maxAttempts;
    this.random = random;
    this.attempts = 0;
  }

  /** The upper bound of the delay before attempt number `attempt` (0-based). */
  bound(attempt) {
    return Math.min(this.maxDelayMs, this.minDelayMs * 2 ** Math.min(attempt, 52));
  }

  /** The delay before the next backoff attempt, or null when maxAttempts is used up. */
  next() {
    if (this.attempts >= this.maxAttempts) return null;
    const delay = Math.floor(this.random() * this.bound(this.attempts));
    this.attempts += 1;
    return delay;
  }

  /** The delay before a reconnect-now attempt; it does not count as a backoff attempt. */
  now() {
    return Math.floor(this.random() * this.nowJitterMs);
  }

  /** A connection opened: the next drop starts again from the smallest bound. */
  reset() {
    this.attempts = 0;
  }
}
