export { WsfleetClient } from "./client.js";
export { ConnectionState } from "./connection.js";
export { ServerError } from "./server-error.js";
export { Backoff } from "./backoff.js";
export { classifyClose, CloseClass } from "./close-codes.js";
export { Outbox, OutboxError } from "./outbox.js";
export { MemoryOutboxStore, IndexedDbOutboxStore, defaultOutboxStore } from "./outbox-stores.js";
