export { WsfleetClient, ConnectionState, ServerError } from "./client.js";
export { Backoff } from "./backoff.js";
export { classifyClose, CloseClass } from "./close-codes.js";
export { Outbox, OutboxError } from "./outbox.js";
export { MemoryOutboxStore, IndexedDbOutboxStore, defaultOutboxStore } from "./outbox-stores.js";
