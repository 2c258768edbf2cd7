// The server's refusal of a client message, as a rejection.

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
