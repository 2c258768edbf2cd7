// Asking the gateway for what a stream missed: a join_room or resume that carries the stream's
// position as `since`, and what its answer tells the application, `recovered` (the missed frames
// follow the ack) or `continuityLost` (they do not: messages may have been missed).

export class Recovery {
  #requests;
  #positions;
  #emit;

  /**
   * @param {object} parts
   * @param {import("./requests.js").Requests} parts.requests
   * @param {import("./positions.js").Positions} parts.positions
   * @param {(type: string, event: object) => void} parts.emit
   */
  constructor({ requests, positions, emit }) {
    this.#requests = requests;
    this.#positions = positions;
    this.#emit = emit;
  }

  /**
   * Sends `type` with `payload` plus the stream's `since` (when it has a position) and settles the
   * position with the ack. `subject` names the stream in the events (`{stream: "room", room_id}` or
   * `{stream: "user"}`); `followedBefore` says this connection picks up a stream an earlier one
   * followed, so that an answer without recovery means a gap even when there was no position to ask
   * from (history off). Resolves with `{ack, lost}`; rejects as the request does.
   */
  async request(stream, subject, followedBefore, type, payload) {
    const since = this.#positions.since(stream);
    const ack = await this.#requests.send(type, since ? { ...payload, since } : payload);
    const { recovered, position } = this.#positions.answered(stream, since, ack);
    return { ack, lost: this.#tell(subject, since, followedBefore, recovered, position) };
  }

  /**
   * Emits `recovered` or `continuityLost` for a stream that asked from `since` or was followed
   * before (nothing for a stream followed for the first time); returns whether continuity was lost.
   */
  #tell(subject, since, followedBefore, recovered, position) {
    if (!since && !followedBefore) return false;
    const event = { ...subject, since: since ?? null, position: position ?? null };
    this.#emit(recovered ? "recovered" : "continuityLost", event);
    return !recovered;
  }

  /**
   * The request was refused (a resume a gateway without history does not know, or one too late):
   * what the stream missed meanwhile is not replayed. Returns whether continuity was lost.
   */
  refused(stream, subject, followedBefore) {
    return this.#tell(subject, this.#positions.since(stream), followedBefore, false, null);
  }
}
