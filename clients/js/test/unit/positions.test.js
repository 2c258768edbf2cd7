import { test } from "node:test";
import assert from "node:assert/strict";
import { Positions, USER_STREAM, roomStream, streamOf } from "../../src/positions.js";
import { MemoryOutboxStore } from "../../src/outbox-stores.js";

const message = (offset, epoch = "e1", room = "r") => ({ type: "room_message", payload: { room_id: room, message: offset }, offset, epoch });
const ROOM = roomStream("r");

async function positions(store = new MemoryOutboxStore()) {
  const instance = new Positions(store);
  await instance.ready();
  return instance;
}

test("room messages belong to their room's stream, direct messages and user notifications to the user's", () => {
  assert.equal(streamOf(message(1)), "room:r");
  assert.equal(streamOf({ type: "chat", payload: { to: "me", message: "x" }, offset: 3, epoch: "u" }), USER_STREAM);
  assert.equal(streamOf({ type: "notification", payload: { text: "x" }, offset: 3, epoch: "u" }), USER_STREAM);
  assert.equal(streamOf({ type: "notification", payload: { room_id: "r" }, offset: 3, epoch: "u" }), null);
  assert.equal(streamOf({ type: "typing", payload: { room_id: "r" } }), null);
  assert.equal(streamOf({ type: "room_message", payload: { room_id: "r" } }), null, "a room without history");
  assert.equal(streamOf({ ...message(1), offset: "1" }), null, "not a number");
});

test("a frame whose offset was delivered already is dropped; later ones and another epoch's pass", async () => {
  const streams = await positions();
  assert.deepEqual([1, 2, 2, 1, 3].map((offset) => streams.accept(ROOM, message(offset))), [true, true, false, false, true]);
  assert.deepEqual(streams.since(ROOM), { offset: 3, epoch: "e1" });
  assert.equal(streams.accept(ROOM, message(1, "e2")), true, "the stream started afresh");
  assert.equal(streams.accept(ROOM, message(1, "e2")), false);
  assert.deepEqual(streams.since(ROOM), { offset: 1, epoch: "e2" });
  assert.equal(streams.accept(roomStream("other"), message(1, "e1", "other")), true, "streams are separate");
});

test("a recovered join keeps its since, so the replayed frames pass and move the position", async () => {
  const streams = await positions();
  streams.accept(ROOM, message(5));
  const since = streams.since(ROOM);
  const answer = streams.answered(ROOM, since, { recovered: true, position: { offset: 8, epoch: "e1" } });
  assert.deepEqual(answer, { recovered: true, position: { offset: 8, epoch: "e1" } });
  assert.deepEqual(streams.since(ROOM), { offset: 5, epoch: "e1" });
  assert.deepEqual([5, 6, 7, 8].map((offset) => streams.accept(ROOM, message(offset))), [false, true, true, true]);
  assert.deepEqual(streams.since(ROOM), { offset: 8, epoch: "e1" });
});

test("a join that was not recovered, or asked from nothing, resumes from the ack's position", async () => {
  const streams = await positions();
  assert.deepEqual(streams.answered(ROOM, undefined, { position: { offset: 4, epoch: "e1" } }), { recovered: false, position: { offset: 4, epoch: "e1" } });
  assert.deepEqual(streams.since(ROOM), { offset: 4, epoch: "e1" });
  const answer = streams.answered(ROOM, { offset: 4, epoch: "e1" }, { recovered: false, position: { offset: 9, epoch: "e2" } });
  assert.equal(answer.recovered, false);
  assert.deepEqual(streams.since(ROOM), { offset: 9, epoch: "e2" });
  assert.equal(streams.answered(ROOM, undefined, { recovered: true, position: { offset: 1, epoch: "x" } }).recovered, false,
    "recovered means nothing without a since");
});

test("an ack without a position (history off, or a room joined already) leaves the position as it is", async () => {
  const streams = await positions();
  streams.accept(ROOM, message(2));
  assert.deepEqual(streams.answered(ROOM, undefined, { members: ["me"] }), { recovered: false, position: null });
  assert.deepEqual(streams.since(ROOM), { offset: 2, epoch: "e1" });
  assert.equal(streams.accept(ROOM, message(2)), false);
});

test("positions are persisted: the next instance on the same store resumes from them and drops what was delivered", async () => {
  const store = new MemoryOutboxStore();
  const before = await positions(store);
  for (let offset = 1; offset <= 3; offset++) before.accept(ROOM, message(offset));
  before.accept(USER_STREAM, { type: "chat", payload: {}, offset: 7, epoch: "u1" });
  await before.flushed();

  const after = await positions(store);
  assert.deepEqual(after.since(ROOM), { offset: 3, epoch: "e1" });
  assert.deepEqual(after.since(USER_STREAM), { offset: 7, epoch: "u1" });
  assert.deepEqual([3, 4].map((offset) => after.accept(ROOM, message(offset))), [false, true]);
});

test("a forgotten stream (a room left) is removed from the store", async () => {
  const store = new MemoryOutboxStore();
  const streams = await positions(store);
  streams.accept(ROOM, message(1));
  streams.accept(roomStream("kept"), message(1, "e1", "kept"));
  streams.forget(ROOM);
  await streams.flushed();
  assert.deepEqual(await store.loadPositions(), [{ stream: "room:kept", position: { offset: 1, epoch: "e1" } }]);
});

test("a burst of frames costs one write, carrying the last position", async () => {
  const store = new MemoryOutboxStore();
  const writes = [];
  const save = store.savePositions.bind(store);
  store.savePositions = (changes) => {
    writes.push(changes);
    return save(changes);
  };
  const streams = await positions(store);
  for (let offset = 1; offset <= 100; offset++) streams.accept(ROOM, message(offset));
  await streams.flushed();
  assert.deepEqual(writes, [[{ stream: ROOM, position: { offset: 100, epoch: "e1" } }]]);
});

test("a failed write is retried with the next change; nothing is lost from memory", async () => {
  const store = new MemoryOutboxStore();
  const save = store.savePositions.bind(store);
  let failing = true;
  store.savePositions = (changes) => (failing ? Promise.reject(new Error("quota exceeded")) : save(changes));
  const streams = await positions(store);
  streams.accept(ROOM, message(1));
  await streams.flushed();
  assert.deepEqual(await store.loadPositions(), []);
  assert.deepEqual(streams.since(ROOM), { offset: 1, epoch: "e1" });
  failing = false;
  streams.accept(roomStream("b"), message(1, "e1", "b"));
  await streams.flushed();
  assert.deepEqual((await store.loadPositions()).map((entry) => entry.stream).sort(), ["room:b", "room:r"]);
});

test("stored records that are not positions are ignored", async () => {
  const store = new MemoryOutboxStore();
  await store.savePositions([
    { stream: "room:bad", position: { offset: "3", epoch: "e1" } },
    { stream: "room:good", position: { offset: 3, epoch: "e1" } },
  ]);
  const streams = await positions(store);
  assert.equal(streams.since("room:bad"), undefined);
  assert.deepEqual(streams.since("room:good"), { offset: 3, epoch: "e1" });
});
