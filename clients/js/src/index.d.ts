// Types of the wsfleet JavaScript SDK. The wire format is docs/protocol.md of the wsfleet repository.

export type CloseClassName = "terminal" | "backoff" | "now";
export declare const CloseClass: { readonly TERMINAL: "terminal"; readonly BACKOFF: "backoff"; readonly NOW: "now" };
export declare function classifyClose(code: number): CloseClassName;

export type ConnectionStateName = "idle" | "connecting" | "open" | "reconnecting" | "offline" | "closed";
export declare const ConnectionState: {
  readonly IDLE: "idle";
  readonly CONNECTING: "connecting";
  readonly OPEN: "open";
  readonly RECONNECTING: "reconnecting";
  readonly OFFLINE: "offline";
  readonly CLOSED: "closed";
};

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Every server frame: `from` is absent on ack, error and pong. */
export interface Frame<T extends string = string, P = Record<string, Json>> {
  type: T;
  payload: P;
  timestamp: number;
  message_id: string;
  from?: string;
}

/** Where a stream (a room's, or a user's own) stands: see docs/protocol.md. */
export interface StreamPosition {
  offset: number;
  /** New whenever the stream's history starts afresh. */
  epoch: string;
}

/** Frames of a stream that keeps history carry its position (absent in rooms without history). */
export type Positioned<F> = F & Partial<StreamPosition>;

export type RoomMessageFrame = Positioned<Frame<"room_message", { room_id: string; message: Json }>>;
export type ChatFrame = Positioned<Frame<"chat", { to: string; message: Json }>>;
export type TypingFrame = Frame<"typing", { room_id: string; is_typing: boolean }>;
export type UserJoinedFrame = Frame<"user_joined", { room_id: string; user_id: string }>;
export type UserLeftFrame = Frame<"user_left", { room_id: string; user_id: string }>;
export type UserOnlineFrame = Frame<"user_online", { user_id: string }>;
export type UserOfflineFrame = Frame<"user_offline", { user_id: string }>;
export type DeviceConnectedFrame = Frame<"device_connected", { user_id: string; device_count: number }>;
export type NotificationFrame = Positioned<Frame<"notification", Record<string, Json>>>;
export type ContinuityLostFrame = Frame<"continuity_lost", { reason: string; rooms: string[] }>;
export type PongFrame = Frame<"pong", Record<string, Json>>;
export type AckFrame = Frame<"ack", AckPayload>;
export type ErrorFrame = Frame<"error", ErrorPayload>;

export interface AckPayload {
  message_id: string;
  server_message_id?: string;
  room_id?: string;
  members?: string[];
}

export interface JoinAck extends AckPayload {
  room_id: string;
  members: string[];
  /** Present when the join asked from a position: whether the missed messages follow. */
  recovered?: boolean;
  /** The room's current position; absent when the room keeps no history. */
  position?: StreamPosition;
}

/**
 * The outcome of a join or resume that asked from a position (`since`), or re-joined a room (or
 * resumed the user's stream) after a reconnect. `recovered`: every message after `since` follows,
 * up to `position`, then live ones. `continuityLost`: nothing is replayed (another epoch, a position
 * older than the history keeps, history off: `position` null); messages may have been missed.
 */
export type RecoveryEvent = ({ stream: "room"; room_id: string } | { stream: "user" }) & {
  since: StreamPosition | null;
  position: StreamPosition | null;
};

export interface HistoryAnswer extends AckPayload {
  /** The kept frames as members received them, newest last. */
  messages: RoomMessageFrame[];
  position?: StreamPosition;
}

export interface StoredPosition {
  /** `user`, or `room:<room id>`. */
  stream: string;
  position: StreamPosition;
}

export interface ErrorPayload {
  code: string;
  message: string;
  message_id?: string;
  retry_after_ms?: number;
}

export interface OutboxEntry {
  id: string;
  type: "room_message" | "chat";
  payload: { room_id?: string; to?: string; message: Json };
  createdAt: number;
  seq: number;
}

export interface OutboxStore {
  load(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  delete(id: string): Promise<void>;
  /** Stream positions; a store without these two keeps none (positions stay in memory). */
  loadPositions?(): Promise<StoredPosition[]>;
  /** Writes the changes at once; a null position removes the stream. */
  savePositions?(changes: { stream: string; position: StreamPosition | null }[]): Promise<void>;
}

export interface ClientOptions {
  /** `ws://host:8080/ws` or `wss://...`. */
  url: string;
  /** A token, or a function called before every connection attempt (refresh it there). */
  token: string | (() => string | Promise<string>);
  /** `protocol` (default): `Sec-WebSocket-Protocol: wsfleet.v1, bearer.<jwt>`; `query`: `?token=`. */
  tokenTransport?: "protocol" | "query";
  reconnect?: BackoffOptions;
  /** Application pings every interval (default 25000 ms). */
  heartbeatIntervalMs?: number;
  /** Silence beyond interval + this (default 10000 ms) counts as a dead connection. */
  heartbeatTimeoutMs?: number;
  /** A handshake not finished within this (default 10000 ms) is abandoned and retried. */
  connectTimeoutMs?: number;
  outbox?: {
    /** Default: IndexedDB in browsers, memory in Node. */
    store?: OutboxStore;
    /** IndexedDB database name (default `wsfleet-outbox:<url>`). */
    name?: string;
    /** Default 500. */
    maxSize?: number;
    /** Default 300000; keep it below the gateway's MESSAGE_DEDUP_WINDOW_SECONDS. */
    maxAgeMs?: number;
  };
  /** A WebSocket constructor; default: the global one, else the `ws` package (Node 20). */
  WebSocket?: unknown;
}

export interface BackoffOptions {
  minDelayMs?: number;
  maxDelayMs?: number;
  nowJitterMs?: number;
  maxAttempts?: number;
  random?: () => number;
}

export interface ClientEvents {
  room_message: RoomMessageFrame;
  chat: ChatFrame;
  typing: TypingFrame;
  user_joined: UserJoinedFrame;
  user_left: UserLeftFrame;
  user_online: UserOnlineFrame;
  user_offline: UserOfflineFrame;
  device_connected: DeviceConnectedFrame;
  notification: NotificationFrame;
  /**
   * The server's frame, or, once a (re)connection is set up, `{reason: "reconnected", rooms,
   * directMessages, local: true}` when some streams were not recovered: those rooms, and whether the
   * user's own stream (direct messages) was among them.
   */
  continuity_lost: ContinuityLostFrame | { reason: "reconnected"; rooms: string[]; directMessages: boolean; local: true };
  recovered: RecoveryEvent;
  continuityLost: RecoveryEvent;
  pong: PongFrame;
  ack: AckFrame;
  error: ErrorFrame;
  /** Every server frame. */
  message: Frame;
  state: { state: ConnectionStateName; previous: ConnectionStateName };
  /** `continuityLost`: some room, or the user's stream, was not recovered. */
  ready: { resumed: boolean; continuityLost: boolean; rooms: string[] };
  disconnected: { code: number; reason: string; closeClass: CloseClassName };
  reconnecting: { delayMs: number; attempt: number; closeClass: CloseClassName };
  closed: { code: number; reason: string; closeClass: CloseClassName };
  /** A room's members from a join ack; `resync` is true for the re-join after a reconnect. */
  members: { room_id: string; members: string[]; resync: boolean };
  outbox: { pending: number };
  sent: { message_id: string; ack: AckPayload };
  failed: { message_id: string; error: ErrorPayload | { code: "expired" }; entry?: OutboxEntry };
}

export declare class Emitter<Events> {
  on<K extends keyof Events>(type: K, listener: (event: Events[K]) => void): () => void;
  off<K extends keyof Events>(type: K, listener: (event: Events[K]) => void): void;
  once<K extends keyof Events>(type: K): Promise<Events[K]>;
}

export declare class WsfleetClient extends Emitter<ClientEvents> {
  constructor(options: ClientOptions);
  readonly state: ConnectionStateName;
  readonly rooms: string[];
  pending(): OutboxEntry[];
  connect(): Promise<ClientEvents["ready"]>;
  close(): void;
  join(roomId: string): Promise<JoinAck>;
  leave(roomId: string): Promise<void>;
  /** A room's kept messages; rejects with code `disconnected` unless connected. */
  history(roomId: string, options?: { limit?: number; before?: number }): Promise<HistoryAnswer>;
  send(roomId: string, message: Json): Promise<AckPayload>;
  sendTo(userId: string, message: Json): Promise<AckPayload>;
  typing(roomId: string, isTyping?: boolean): boolean;
}

export declare class ServerError extends Error {
  readonly code: string;
  readonly retryAfterMs?: number;
  readonly payload: ErrorPayload;
}

export declare class OutboxError extends Error {
  readonly code: "outbox_full" | "expired";
}

export declare class Backoff {
  constructor(options?: BackoffOptions);
  attempts: number;
  bound(attempt: number): number;
  next(): number | null;
  now(): number;
  reset(): void;
}

export declare class Outbox {
  constructor(options: { store: OutboxStore; maxSize?: number; maxAgeMs?: number; now?: () => number });
  readonly size: number;
  ready(): Promise<void>;
  entries(): OutboxEntry[];
  add(id: string, type: OutboxEntry["type"], payload: OutboxEntry["payload"]): Promise<{ entry: OutboxEntry; settled: Promise<AckPayload> }>;
  has(id: string): boolean;
  resolve(id: string, ack: AckPayload): Promise<boolean>;
  reject(id: string, error: unknown): Promise<boolean>;
  expire(): Promise<OutboxEntry[]>;
}

export declare class MemoryOutboxStore implements OutboxStore {
  load(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  delete(id: string): Promise<void>;
  loadPositions(): Promise<StoredPosition[]>;
  savePositions(changes: { stream: string; position: StreamPosition | null }[]): Promise<void>;
}

export declare class IndexedDbOutboxStore implements OutboxStore {
  constructor(name: string, indexedDB?: unknown);
  load(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  delete(id: string): Promise<void>;
  loadPositions(): Promise<StoredPosition[]>;
  savePositions(changes: { stream: string; position: StreamPosition | null }[]): Promise<void>;
}

export declare function defaultOutboxStore(name: string): OutboxStore;
