// The wsfleet client: one logical connection that survives drops. It reconnects by the close code's
// class, resumes the user's stream and re-joins its rooms from their last positions (so the gateway
// replays what was missed), drops frames it already delivered, and resends what the server has not
// acked from a durable outbox. This file wires the parts together; each part is a module of its own.

import { Connection } from "./connection.js";
import { Emitter } from "./emitter.js";
import { idSource } from "./ids.js";
import { Outbox } from "./outbox.js";
import { OutboxPump } from "./outbox-pump.js";
import { MemoryOutboxStore, defaultOutboxStore } from "./outbox-stores.js";
import { OwnChats } from "./own-chats.js";
import { Positions, USER_STREAM, streamOf } from "./positions.js";
import { Recovery } from "./recovery.js";
import { Requests } from "./requests.js";
import { Rooms } from "./rooms.js";

const USER_SUBJECT = Object.freeze({ stream: "user" });

export class WsfleetClient extends Emitter {
  #connection;
  #requests;
  #positions;
  #recovery;
  #rooms;
  #pump;
  #ownChats = new OwnChats();
  #newId = idSource();
  #ready = false;
  #everReady = false;

  /**
   * @param {import("./index.js").ClientOptions} options (see index.d.ts)
   */
  constructor(options) {
    super();
    if (!options?.url) throw new TypeError("url is required");
    if (!options.token) throw new TypeError("token (a string or a function) is required");
    const emit = (type, event) => this.emit(type, event);
    this.#connection = new Connection(options, {
      emit,
      onOpen: (generation) => this.#onOpen(generation),
      onFrame: (frame) => this.#onFrame(frame),
      onDown: () => {
        this.#ready = false;
        this.#requests.failAll();
      },
      onGiveUp: (detail) => this.#rooms.failAll(detail),
    });
    const transmit = (frame) => this.#connection.send(frame);
    this.#requests = new Requests({ newId: this.#newId, transmit });
    const outbox = options.outbox ?? {};
    const store = outbox.store ?? defaultOutboxStore(outbox.name ?? `wsfleet-outbox:${options.url}`);
    // A store of the application's own that keeps no positions: they live in memory then.
    this.#positions = new Positions(typeof store.loadPositions === "function" ? store : new MemoryOutboxStore());
    this.#recovery = new Recovery({ requests: this.#requests, positions: this.#positions, emit });
    this.#rooms = new Rooms({ requests: this.#requests, recovery: this.#recovery, positions: this.#positions, emit });
    this.#pump = new OutboxPump({
      outbox: new Outbox({ store, maxSize: outbox.maxSize, maxAgeMs: outbox.maxAgeMs }),
      transmit,
      emit,
      canSend: () => this.#ready,
      ownChats: this.#ownChats,
    });
  }

  get state() {
    return this.#connection.state;
  }

  /** Rooms this client is in, or will re-join on the next connection. */
  get rooms() {
    return this.#rooms.ids;
  }

  /** Messages not acked yet, oldest first (they survive a reload in browsers). */
  pending() {
    return this.#pump.entries();
  }

  /** Opens the connection; resolves once it is open, the user's stream resumed and rooms joined. */
  connect() {
    const ready = this.once("ready");
    this.#connection.start();
    return ready;
  }

  /** Closes for good: no reconnect. The outbox keeps its messages for a later connect(). */
  close() {
    this.#connection.close();
  }

  /** Joins a room now, or on the next connection; re-joined (with its position) after every reconnect. */
  join(roomId) {
    const joined = this.#rooms.add(roomId);
    if (this.#ready) this.#rooms.join(roomId);
    return joined;
  }

  /** Leaves a room; it is no longer re-joined, and its position is forgotten. */
  leave(roomId) {
    return this.#rooms.leave(roomId, this.#ready);
  }

  /**
   * The room's kept messages, newest last: at most `limit`, with offsets below `before` when given.
   * Resolves with the ack's payload `{messages, position}`; needs an open connection.
   */
  history(roomId, { limit, before } = {}) {
    if (!this.#ready) return Promise.reject(Object.assign(new Error("not connected"), { code: "disconnected" }));
    return this.#requests.send("history", { room_id: roomId, limit, before });
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
    this.#connection.send({ type: "typing", payload: { room_id: roomId, is_typing: isTyping } });
    return true;
  }

  async #enqueue(type, payload) {
    if (payload.message === undefined || payload.message === null) {
      throw new TypeError("message must be a JSON value other than null");
    }
    return this.#pump.enqueue(this.#newId(), type, payload);
  }

  /**
   * A socket opened: resume the user's stream first (the gateway holds direct messages until then),
   * then join every room, then flush the outbox.
   */
  async #onOpen(generation) {
    const [addressed] = await Promise.all([this.#pump.restart(), this.#positions.ready()]);
    // A queued room message implies its room: after a reload the app may not have joined it yet.
    for (const room of addressed) if (!this.#rooms.has(room)) this.#rooms.add(room).catch(() => {});
    if (!this.#connection.isCurrent(generation)) return;
    const resumed = this.#everReady;
    const rejoined = this.#rooms.ids;
    const [user, ...rooms] = await Promise.all([this.#resume(resumed), ...rejoined.map((room) => this.#rooms.join(room, resumed))]);
    if (!this.#connection.isCurrent(generation)) return;
    this.#ready = true;
    // Rooms the app joined while the re-joins were under way.
    for (const room of this.#rooms.awaitingJoin()) {
      if (!rejoined.includes(room)) this.#rooms.join(room);
    }
    this.#everReady = true;
    const lostRooms = rooms.filter((room) => room?.lost).map((room) => room.roomId);
    const continuityLost = lostRooms.length > 0 || user.lost;
    if (continuityLost) {
      this.emit("continuity_lost", { reason: "reconnected", rooms: lostRooms, directMessages: user.lost, local: true });
    }
    this.emit("ready", { resumed, continuityLost, rooms: this.rooms });
    this.#pump.pump();
  }

  /** Resumes the user's own stream (direct messages) from its position. */
  async #resume(followedBefore) {
    try {
      return await this.#recovery.request(USER_STREAM, USER_SUBJECT, followedBefore, "resume", {});
    } catch (error) {
      if (error.code === "disconnected") return { lost: false }; // resumed on the next connection
      return { lost: this.#recovery.refused(USER_STREAM, USER_SUBJECT, followedBefore) };
    }
  }

  #onFrame(frame) {
    const payload = frame.payload ?? {};
    if (frame.type === "ack" || frame.type === "error") {
      if (!this.#requests.settle(frame.type, payload)) this.#pump.settle(frame.type, payload);
    }
    if (frame.type === "user_joined" || frame.type === "user_left") this.#rooms.onPresence(frame);
    const stream = streamOf(frame);
    if (stream && !this.#positions.accept(stream, frame)) return; // delivered already: a duplicate
    if (this.#ownChats.isOwn(frame)) return; // sent by this client: never delivered to it live either
    this.emit(frame.type, frame);
    this.emit("message", frame);
  }
}
