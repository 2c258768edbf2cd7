// The server's refusal of a client message, as a rejection, and which refusals mean "not now".

/** Error codes that mean "not now" (docs/protocol.md, error codes): the same message may succeed later. */
const RETRYABLE = new Set(["rate_limited", "publish_failed", "unavailable", "internal"]);
const RETRY_DELAY_MS = 1000;

/** Whether a refusal with this `payload.code` is worth asking again. */
export function retryable(code) {
  return RETRYABLE.has(code);
}

/**
 * How long to wait before asking again: the server's `retry_after_ms`, else about a second, spread so
 * that the clients one outage refused do not all come back in the same instant.
 */
export function retryDelayMs(payload, random = Math.random) {
  return payload.retry_after_ms ?? Math.floor(RETRY_DELAY_MS * (0.5 + random()));
}

/** An `error` frame from the server, as a rejection. */
export class ServerError extends Error {
  constructor(payload) {
    super(payload.message ?? payload.code);
    this.name = "ServerError";
    this.code = payload.code;
    this.retryAfterMs = payload.retry_after_ms;
    this.payload = payload;
  }
}
