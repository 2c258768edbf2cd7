// Stream positions ({offset, epoch}, docs/protocol.md) of every room this client is in and of the
// user's own stream (direct messages). Two per stream: `resumeFrom`, what the next join or resume
// asks the gateway for (persisted, so that a reloaded page asks too), and `delivered`, the last
// frame handed to the application, below which a frame is a duplicate and is dropped.

/** The key of the user's own stream (direct messages and notifications to the user). */
export const USER_STREAM = "user";

/** The key of a room's stream. */
export function roomStream(roomId) {
  return `room:${roomId}`;
}

/** The stream a frame's position belongs to, or null when the frame carries none. */
export function streamOf(frame) {
  if (!Number.isSafeInteger(frame.offset) || typeof frame.epoch !== "string") return null;
  if (frame.type === "room_message") return roomStream(frame.payload?.room_id);
  if (frame.type === "chat" || (frame.type === "notification" && frame.payload?.room_id === undefined)) return USER_STREAM;
  return null;
}

/** `{offset, epoch}` when `value` is a well-formed position, else null. */
export function positionOf(value) {
  return Number.isSafeInteger(value?.offset) && typeof value?.epoch === "string"
    ? { offset: value.offset, epoch: value.epoch }
    : null;
}

/** Whether `position` is past `than`: another epoch (the stream started afresh) or a larger offset. */
function isAhead(position, than) {
  return !than || position.epoch !== than.epoch || position.offset > than.offset;
}

export class Positions {
  #store;
  #resumeFrom = new Map();
  #delivered = new Map();
  #dirty = new Set();
  #writing = null;
  #loaded;

  /** @param {object} store with `loadPositions()` and `savePositions(changes)` (see outbox-stores.js) */
  constructor(store) {
    this.#store = store;
    this.#loaded = store.loadPositions().then((stored) => {
      for (const { stream, position } of stored) {
        const valid = positionOf(position);
        if (!valid) continue; // written by something else: not a position to resume from
        this.#resumeFrom.set(stream, valid);
        // What the earlier page (or process) delivered up to: replays below it are duplicates.
        this.#delivered.set(stream, valid);
      }
    });
  }

  /** Resolves once the positions an earlier page (or process) persisted are in. */
  ready() {
    return this.#loaded;
  }

  /** The position the next join or resume of `stream` asks for, or undefined. */
  since(stream) {
    return this.#resumeFrom.get(stream);
  }

  /**
   * A frame of `stream` arrived: false when its offset was already delivered (the same epoch and an
   * offset not above the last delivered one), so that the caller drops it; true otherwise, and the
   * stream's position moves to the frame.
   */
  accept(stream, frame) {
    const position = { offset: frame.offset, epoch: frame.epoch };
    const delivered = this.#delivered.get(stream);
    if (delivered && delivered.epoch === position.epoch && position.offset <= delivered.offset) return false;
    this.#delivered.set(stream, position);
    if (isAhead(position, this.#resumeFrom.get(stream))) this.#save(stream, position);
    return true;
  }

  /**
   * The ack of a join or resume that asked for `since` (or for nothing). Recovered: the missed
   * frames follow the ack and move the position themselves. Not recovered: nothing follows, and the
   * stream resumes from the ack's position from now on. An ack without a position (history off, or a
   * join of a room this connection is in already) leaves the position as it is: asking from it
   * later is answered `recovered: false` if the stream keeps no history.
   * @returns {{recovered: boolean, position: {offset: number, epoch: string} | null}}
   */
  answered(stream, since, ack) {
    const position = positionOf(ack.position);
    const recovered = since !== undefined && ack.recovered === true;
    if (position && !recovered && isAhead(position, this.#resumeFrom.get(stream))) this.#save(stream, position);
    return { recovered, position };
  }

  /** The stream is no longer followed (its room was left). */
  forget(stream) {
    if (!this.#resumeFrom.has(stream) && !this.#delivered.has(stream)) return;
    this.#resumeFrom.delete(stream);
    this.#delivered.delete(stream);
    this.#markDirty(stream);
  }

  /** Resolves once every position set so far is persisted (or its write failed). */
  async flushed() {
    while (this.#writing) await this.#writing;
  }

  #save(stream, position) {
    this.#resumeFrom.set(stream, position);
    this.#markDirty(stream);
  }

  /**
   * Writes are coalesced: one write at a time, carrying the latest position of every stream that
   * changed meanwhile, so a busy room costs one storage write per round trip rather than per frame.
   */
  #markDirty(stream) {
    this.#dirty.add(stream);
    this.#writing ??= this.#write();
  }

  async #write() {
    while (this.#dirty.size > 0) {
      await null; // let the frames of the same burst join this write
      const streams = [...this.#dirty];
      this.#dirty.clear();
      try {
        await this.#store.savePositions(streams.map((stream) => ({ stream, position: this.#resumeFrom.get(stream) ?? null })));
      } catch {
        // Storage refused (a full disk, a private window): the positions stay in memory and go with
        // the next write. A page reloaded before that resumes from an older position, and the
        // gateway's replay may then repeat frames the earlier page showed.
        for (const stream of streams) this.#dirty.add(stream);
        break;
      }
    }
    this.#writing = null;
  }
}
