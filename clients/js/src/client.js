// The wsfleet client: one logical connection that survives drops. It reconnects by the close code's
// class, re-joins its rooms, and resends what the server has not acked from a durable outbox.

import { Backoff } from "./backoff.js";
import { classifyClose, CloseClass } from "./close-codes.js";
import { Emitter } from "./emitter.js";
import { Outbox } from "./outbox.js";
import { defaultOutboxStore } from "./outbox-stores.js";
import { membersAfter } from "./members.js";

export const ConnectionState = Object.freeze({
  IDLE: "idle",
  CONNECTING: "connecting",
  OPEN: "open",
  RECONNECTING: "reconnecting",
  OFFLINE: "offline",
  CLOSED: "closed",
});

/** Server answers that mean "not now": the outbox keeps the message and sends it again later. */
const RETRYABLE = new Set(["rate_limited", "publish_failed", "unavailable", "internal"]);
const RETRY_DELAY_MS = 1000;

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

export class WsfleetClient extends Emitter {
  #options;
  #backoff;
  #outbox;
  #state = ConnectionState.IDLE;
  #socket = null;
  #generation = 0;
  #ready = false;
  #everReady = false;
  #closedByApp = false;
  #rooms = new Set();
  #joinWaiters = new Map();
  #requests = new Map();
  #transmitted = new Set();
  #presenceDuringJoin = new Map();
  #heartbeat = null;
  #reconnectTimer = null;
  #connectTimer = null;
  #lastSeen = 0;
  #clientId = randomId();
  #counter = 0;
  #networkListeners = null;

  /**
   * @param {import("./index.js").ClientOptions} options (see index.d.ts)
   */
  constructor(options) {
    super();
    if (!options?.url) throw new TypeError("url is required");
    if (!options.token) throw new TypeError("token (a string or a function) is required");
    this.#options = {
      tokenTransport: "protocol",
      heartbeatIntervalMs: 25_000,
      heartbeatTimeoutMs: 10_000,
      connectTimeoutMs: 10_000,
      ...options,
    };
    this.#backoff = new Backoff(options.reconnect ?? {});
    const outbox = options.outbox ?? {};
    this.#outbox = new Outbox({
      store: outbox.store ?? defaultOutboxStore(outbox.name ?? `wsfleet-outbox:${options.url}`),
      maxSize: outbox.maxSize,
      maxAgeMs: outbox.maxAgeMs,
    });
    // Entries an earlier page left become visible once loaded: the app can show them as pending.
    this.#outbox.ready().then(() => this.emit("outbox", { pending: this.#outbox.size }));
  }

  get state() {
    return this.#state;
  }

  /** Rooms this client is in, or will re-join on the next connection. */
  get rooms() {
    return [...this.#rooms];
  }

  /** Messages not acked yet, oldest first (they survive a reload in browsers). */
  pending() {
    return this.#outbox.entries();
  }

  /** Opens the connection; resolves once it is open and rooms are joined. */
  connect() {
    this.#closedByApp = false;
    this.#listenToNetwork();
    const ready = this.once("ready");
    if (this.#state === ConnectionState.IDLE || this.#state === ConnectionState.CLOSED) {
      if (globalThis.navigator?.onLine === false) {
        this.#setState(ConnectionState.OFFLINE); // the "online" event connects
      } else {
        this.#open();
      }
    }
    return ready;
  }

  /** Closes for good: no reconnect. The outbox keeps its messages for a later connect(). */
  close() {
    this.#closedByApp = true;
    clearTimeout(this.#reconnectTimer);
    this.#stopNetworkListening();
    const socket = this.#socket;
    this.#dropSocket();
    socket?.close(1000, "client closed");
    this.#setState(ConnectionState.CLOSED);
  }

  /** Joins a room now, or on the next connection; re-joined after every reconnect. */
  join(roomId) {
    this.#rooms.add(roomId);
    const joined = new Promise((resolve, reject) => {
      if (!this.#joinWaiters.has(roomId)) this.#joinWaiters.set(roomId, []);
      this.#joinWaiters.get(roomId).push({ resolve, reject });
    });
    if (this.#ready) this.#sendJoin(roomId);
    return joined;
  }

  /** Leaves a room; it is no longer re-joined. */
  async leave(roomId) {
    this.#rooms.delete(roomId);
    if (!this.#ready) return;
    try {
      await this.#request("leave_room", { room_id: roomId });
    } catch (error) {
      if (error.code !== "not_in_room") throw error;
    }
  }

  /** Sends a message to a room through the outbox; resolves with the ack's payload. */
  send(roomId, message) {
    return this.#enqueue("room_message", { room_id: roomId, message });
  }

  /** Sends a direct message to every device of a user through the outbox. */
  sendTo(userId, message) {
    return this.#enqueue("chat", { to: userId, message });
  }

  /** Typing indicators are not queued: returns whether it was sent. */
  typing(roomId, isTyping = true) {
    if (!this.#ready || !this.#rooms.has(roomId)) return false;
    this.#transmit({ type: "typing", payload: { room_id: roomId, is_typing: isTyping } });
    return true;
  }

  async #enqueue(type, payload) {
    if (payload.message === undefined || payload.message === null) {
      throw new TypeError("message must be a JSON value other than null");
    }
    const { settled } = await this.#outbox.add(this.#newId(), type, payload);
    this.emit("outbox", { pending: this.#outbox.size });
    this.#pump();
    return settled;
  }

  async #open() {
    clearTimeout(this.#reconnectTimer);
    const generation = ++this.#generation;
    this.#setState(this.#everReady ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING);
    let socket;
    try {
      const token = typeof this.#options.token === "function" ? await this.#options.token() : this.#options.token;
      const Impl = this.#options.WebSocket ?? globalThis.WebSocket ?? (await import("ws")).WebSocket;
      if (generation !== this.#generation) return;
      let url = this.#options.url;
      let protocols = ["wsfleet.v1"];
      if (this.#options.tokenTransport === "query") {
        url += (url.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token);
      } else {
        protocols = ["wsfleet.v1", "bearer." + token];
      }
      socket = new Impl(url, protocols);
    } catch (error) {
      if (generation !== this.#generation || this.#closedByApp) return;
      // A token callback that failed, or a URL the platform refuses: retry with backoff.
      this.emit("disconnected", { code: 1006, reason: String(error?.message ?? error), closeClass: CloseClass.BACKOFF });
      this.#scheduleReconnect(CloseClass.BACKOFF);
      return;
    }
    this.#socket = socket;
    const current = () => generation === this.#generation;
    socket.onopen = () => current() && this.#onOpen();
    socket.onmessage = (event) => current() && this.#onMessage(event.data);
    socket.onclose = (event) => current() && this.#onClose(event.code, event.reason);
    socket.onerror = () => {}; // always followed by a close event
    // A handshake that never completes (a black-holed network) would otherwise wait forever.
    this.#connectTimer = setTimeout(() => {
      if (!current()) return;
      this.#onClose(4198, "connect timeout"); // a backoff-class code of the client's own
      socket.close();
    }, this.#options.connectTimeoutMs);
  }

  async #onOpen() {
    const generation = this.#generation;
    clearTimeout(this.#connectTimer);
    this.#backoff.reset();
    this.#lastSeen = Date.now();
    this.#transmitted.clear();
    this.#startHeartbeat();
    this.#setState(ConnectionState.OPEN);
    await this.#outbox.ready();
    for (const entry of await this.#outbox.expire()) {
      this.emit("failed", { message_id: entry.id, entry, error: { code: "expired" } });
    }
    // A queued room message implies its room: after a reload the app may not have joined it yet.
    for (const entry of this.#outbox.entries()) {
      if (entry.type === "room_message") this.#rooms.add(entry.payload.room_id);
    }
    if (generation !== this.#generation) return;
    const resumed = this.#everReady;
    const rejoined = [...this.#rooms];
    await Promise.allSettled(rejoined.map((room) => this.#sendJoin(room, resumed)));
    if (generation !== this.#generation) return;
    this.#ready = true;
    // Rooms the app joined while the re-joins were under way.
    for (const room of this.#joinWaiters.keys()) {
      if (!rejoined.includes(room)) this.#sendJoin(room);
    }
    this.#everReady = true;
    if (resumed) {
      // Anything published while this client was away is not replayed by the gateway.
      this.emit("continuity_lost", { reason: "reconnected", rooms: this.rooms, local: true });
    }
    this.emit("ready", { resumed, continuityLost: resumed, rooms: this.rooms });
    this.#pump();
  }

  #sendJoin(roomId, resync = false) {
    const changes = [];
    this.#presenceDuringJoin.set(roomId, changes);
    return this.#request("join_room", { room_id: roomId }).then(
      (reply) => {
        this.#presenceDuringJoin.delete(roomId);
        const ack = { ...reply, members: membersAfter(reply.members, changes) };
        for (const waiter of this.#joinWaiters.get(roomId) ?? []) waiter.resolve(ack);
        this.#joinWaiters.delete(roomId);
        this.emit("members", { room_id: roomId, members: ack.members, resync });
        return ack;
      },
      (error) => {
        this.#presenceDuringJoin.delete(roomId);
        if (error.code === "disconnected") return; // joined again on the next connection
        this.#rooms.delete(roomId);
        for (const waiter of this.#joinWaiters.get(roomId) ?? []) waiter.reject(error);
        this.#joinWaiters.delete(roomId);
      },
    );
  }

  /** Sends a join or leave and waits for its ack or error. */
  #request(type, payload) {
    const id = this.#newId();
    return new Promise((resolve, reject) => {
      this.#requests.set(id, { resolve, reject });
      this.#transmit({ type, payload, message_id: id });
    });
  }

  #pump() {
    if (!this.#ready) return;
    for (const entry of this.#outbox.entries()) {
      if (!this.#transmitted.has(entry.id)) {
        this.#transmitted.add(entry.id);
        // dedup: the gateway delivers this message_id once, however often a reconnect resends it.
        this.#transmit({ type: entry.type, payload: entry.payload, message_id: entry.id, dedup: true });
      }
    }
  }

  #transmit(frame) {
    try {
      this.#socket?.send(JSON.stringify(frame));
    } catch {
      // The socket is closing; the close event reconnects and the outbox resends.
    }
  }

  #onMessage(data) {
    this.#lastSeen = Date.now();
    let frame;
    try {
      frame = JSON.parse(typeof data === "string" ? data : String(data));
    } catch {
      return; // the gateway only sends JSON text; anything else is not ours to interpret
    }
    const payload = frame.payload ?? {};
    if (frame.type === "ack" || frame.type === "error") this.#settle(frame.type, payload);
    if (frame.type === "user_joined" || frame.type === "user_left") {
      this.#presenceDuringJoin.get(payload.room_id)?.push(frame);
    }
    this.emit(frame.type, frame);
    this.emit("message", frame);
  }

  #settle(type, payload) {
    const id = payload.message_id;
    if (id === undefined) return;
    const request = this.#requests.get(id);
    if (request) {
      this.#requests.delete(id);
      if (type === "ack") request.resolve(payload);
      else request.reject(new ServerError(payload));
      return;
    }
    if (!this.#outbox.has(id)) return;
    if (type === "ack") {
      this.#outbox.resolve(id, payload).then(() => {
        this.emit("sent", { message_id: id, ack: payload });
        this.emit("outbox", { pending: this.#outbox.size });
      });
    } else if (RETRYABLE.has(payload.code)) {
      this.#transmitted.delete(id);
      setTimeout(() => this.#pump(), payload.retry_after_ms ?? RETRY_DELAY_MS);
    } else {
      this.#outbox.reject(id, new ServerError(payload)).then(() => {
        this.emit("failed", { message_id: id, error: payload });
        this.emit("outbox", { pending: this.#outbox.size });
      });
    }
  }

  #onClose(code, reason) {
    this.#dropSocket();
    if (this.#closedByApp) return;
    const closeClass = classifyClose(code);
    this.emit("disconnected", { code, reason, closeClass });
    if (closeClass === CloseClass.TERMINAL) {
      this.#giveUp({ code, reason, closeClass });
    } else {
      this.#scheduleReconnect(closeClass);
    }
  }

  /** Forgets the current socket: its late events are ignored from now on. */
  #dropSocket() {
    this.#generation++;
    this.#socket = null;
    this.#ready = false;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#connectTimer);
    for (const request of this.#requests.values()) {
      const error = new Error("disconnected");
      error.code = "disconnected";
      request.reject(error);
    }
    this.#requests.clear();
  }

  #giveUp(detail) {
    for (const waiters of this.#joinWaiters.values()) {
      for (const waiter of waiters) waiter.reject(Object.assign(new Error("connection closed"), detail));
    }
    this.#joinWaiters.clear();
    this.#setState(ConnectionState.CLOSED);
    this.emit("closed", detail);
  }

  #scheduleReconnect(closeClass) {
    if (globalThis.navigator?.onLine === false) {
      this.#setState(ConnectionState.OFFLINE); // the "online" event reconnects
      return;
    }
    const delayMs = closeClass === CloseClass.NOW ? this.#backoff.now() : this.#backoff.next();
    if (delayMs === null) {
      this.#giveUp({ code: 1006, reason: "reconnect attempts exhausted", closeClass });
      return;
    }
    this.#setState(ConnectionState.RECONNECTING);
    this.emit("reconnecting", { delayMs, attempt: this.#backoff.attempts, closeClass });
    this.#reconnectTimer = setTimeout(() => this.#open(), delayMs);
  }

  /** Application-level pings; a connection silent past interval + timeout is taken for dead. */
  #startHeartbeat() {
    const { heartbeatIntervalMs: interval, heartbeatTimeoutMs: timeout } = this.#options;
    clearInterval(this.#heartbeat);
    this.#heartbeat = setInterval(() => {
      if (Date.now() - this.#lastSeen > interval + timeout) {
        const socket = this.#socket;
        this.#onClose(4199, "heartbeat timeout"); // a backoff-class code of the client's own
        socket?.close(1000, "heartbeat timeout");
      } else {
        this.#transmit({ type: "ping", payload: { t: Date.now() } });
      }
    }, interval);
    this.#heartbeat.unref?.();
  }

  #listenToNetwork() {
    if (this.#networkListeners || typeof globalThis.addEventListener !== "function") return;
    const offline = () => {
      if (this.#closedByApp || this.#state === ConnectionState.CLOSED) return;
      const socket = this.#socket;
      clearTimeout(this.#reconnectTimer);
      this.#dropSocket();
      socket?.close(1000, "offline");
      this.emit("disconnected", { code: 1006, reason: "offline", closeClass: CloseClass.BACKOFF });
      this.#setState(ConnectionState.OFFLINE);
    };
    const online = () => {
      if (this.#closedByApp || this.#state !== ConnectionState.OFFLINE) return;
      this.#backoff.reset();
      this.#open();
    };
    globalThis.addEventListener("offline", offline);
    globalThis.addEventListener("online", online);
    this.#networkListeners = { offline, online };
  }

  #stopNetworkListening() {
    if (!this.#networkListeners) return;
    globalThis.removeEventListener("offline", this.#networkListeners.offline);
    globalThis.removeEventListener("online", this.#networkListeners.online);
    this.#networkListeners = null;
  }

  #setState(state) {
    if (state === this.#state) return;
    const previous = this.#state;
    this.#state = state;
    this.emit("state", { state, previous });
  }

  #newId() {
    return `${this.#clientId}-${(this.#counter++).toString(36)}`;
  }
}

/** 16 random hex characters; crypto.getRandomValues works in insecure browser contexts too. */
function randomId() {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}
