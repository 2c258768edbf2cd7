// One WebSocket to the gateway at a time, replaced whenever it drops: the connection's state machine
// (open, classify the close, schedule the retry), the handshake timeout and the heartbeat, and the
// browser's offline state. What happens on an open connection is the client's business.

import { Backoff } from "./backoff.js";
import { classifyClose, CloseClass } from "./close-codes.js";
import { Heartbeat } from "./heartbeat.js";
import { isOnline, watchNetwork } from "./network.js";

export const ConnectionState = Object.freeze({
  IDLE: "idle",
  CONNECTING: "connecting",
  OPEN: "open",
  RECONNECTING: "reconnecting",
  OFFLINE: "offline",
  CLOSED: "closed",
});

export class Connection {
  #options;
  #hooks;
  #backoff;
  #state = ConnectionState.IDLE;
  #socket = null;
  #generation = 0;
  #everOpened = false;
  #closedByApp = false;
  #heartbeat;
  #reconnectTimer = null;
  #connectTimer = null;
  #stopWatchingNetwork = null;

  /**
   * @param {object} options the client's options (url, token, tokenTransport, reconnect, timeouts, WebSocket)
   * @param {object} hooks
   * @param {(type: string, event: object) => void} hooks.emit connection events for the application
   * @param {(generation: number) => void} hooks.onOpen a socket opened; `generation` names it
   * @param {(frame: object) => void} hooks.onFrame a parsed frame arrived on the current socket
   * @param {() => void} hooks.onDown the current socket is gone (dropped, closed or abandoned)
   * @param {(detail: object) => void} hooks.onGiveUp no more attempts will be made
   */
  constructor(options, hooks) {
    this.#options = {
      tokenTransport: "protocol",
      heartbeatIntervalMs: 25_000,
      heartbeatTimeoutMs: 10_000,
      connectTimeoutMs: 10_000,
      ...options,
    };
    this.#hooks = hooks;
    this.#backoff = new Backoff(options.reconnect ?? {});
    this.#heartbeat = new Heartbeat({ intervalMs: this.#options.heartbeatIntervalMs, timeoutMs: this.#options.heartbeatTimeoutMs });
  }

  get state() {
    return this.#state;
  }

  /** Whether `generation` (from onOpen) still names the current socket. */
  isCurrent(generation) {
    return generation === this.#generation;
  }

  /** Opens the connection unless it is open or being opened; waits for `online` while offline. */
  start() {
    this.#closedByApp = false;
    this.#listenToNetwork();
    if (this.#state !== ConnectionState.IDLE && this.#state !== ConnectionState.CLOSED) return;
    if (!isOnline()) {
      this.#setState(ConnectionState.OFFLINE); // the "online" event connects
    } else {
      this.#open();
    }
  }

  /** Closes for good: no reconnect. */
  close() {
    this.#closedByApp = true;
    clearTimeout(this.#reconnectTimer);
    this.#stopWatchingNetwork?.();
    this.#stopWatchingNetwork = null;
    const socket = this.#socket;
    this.#dropSocket();
    socket?.close(1000, "client closed");
    this.#setState(ConnectionState.CLOSED);
  }

  /** Sends a frame on the current socket, if any. */
  send(frame) {
    try {
      this.#socket?.send(JSON.stringify(frame));
    } catch {
      // The socket is closing; the close event reconnects and the outbox resends.
    }
  }

  async #open() {
    clearTimeout(this.#reconnectTimer);
    const generation = ++this.#generation;
    this.#setState(this.#everOpened ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING);
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
      this.#hooks.emit("disconnected", { code: 1006, reason: String(error?.message ?? error), closeClass: CloseClass.BACKOFF });
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

  #onOpen() {
    clearTimeout(this.#connectTimer);
    this.#backoff.reset();
    this.#everOpened = true;
    this.#heartbeat.start({
      ping: () => this.send({ type: "ping", payload: { t: Date.now() } }),
      dead: () => {
        const socket = this.#socket;
        this.#onClose(4199, "heartbeat timeout"); // a backoff-class code of the client's own
        socket?.close(1000, "heartbeat timeout");
      },
    });
    this.#setState(ConnectionState.OPEN);
    this.#hooks.onOpen(this.#generation);
  }

  #onMessage(data) {
    this.#heartbeat.seen();
    let frame;
    try {
      frame = JSON.parse(typeof data === "string" ? data : String(data));
    } catch {
      return; // the gateway only sends JSON text; anything else is not ours to interpret
    }
    this.#hooks.onFrame(frame);
  }

  #onClose(code, reason) {
    this.#dropSocket();
    if (this.#closedByApp) return;
    const closeClass = classifyClose(code);
    this.#hooks.emit("disconnected", { code, reason, closeClass });
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
    this.#heartbeat.stop();
    clearTimeout(this.#connectTimer);
    this.#hooks.onDown();
  }

  #giveUp(detail) {
    this.#hooks.onGiveUp(detail);
    this.#setState(ConnectionState.CLOSED);
    this.#hooks.emit("closed", detail);
  }

  #scheduleReconnect(closeClass) {
    if (!isOnline()) {
      this.#setState(ConnectionState.OFFLINE); // the "online" event reconnects
      return;
    }
    const delayMs = closeClass === CloseClass.NOW ? this.#backoff.now() : this.#backoff.next();
    if (delayMs === null) {
      this.#giveUp({ code: 1006, reason: "reconnect attempts exhausted", closeClass });
      return;
    }
    this.#setState(ConnectionState.RECONNECTING);
    this.#hooks.emit("reconnecting", { delayMs, attempt: this.#backoff.attempts, closeClass });
    this.#reconnectTimer = setTimeout(() => this.#open(), delayMs);
  }

  #listenToNetwork() {
    this.#stopWatchingNetwork ??= watchNetwork({
      onOffline: () => {
        if (this.#closedByApp || this.#state === ConnectionState.CLOSED) return;
        const socket = this.#socket;
        clearTimeout(this.#reconnectTimer);
        this.#dropSocket();
        socket?.close(1000, "offline");
        this.#hooks.emit("disconnected", { code: 1006, reason: "offline", closeClass: CloseClass.BACKOFF });
        this.#setState(ConnectionState.OFFLINE);
      },
      onOnline: () => {
        if (this.#closedByApp || this.#state !== ConnectionState.OFFLINE) return;
        this.#backoff.reset();
        this.#open();
      },
    });
  }

  #setState(state) {
    if (state === this.#state) return;
    const previous = this.#state;
    this.#state = state;
    this.#hooks.emit("state", { state, previous });
  }
}
