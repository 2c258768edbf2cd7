import { test } from "node:test";
import assert from "node:assert/strict";
import { Outbox, OutboxError } from "../../src/outbox.js";
import { MemoryOutboxStore } from "../../src/outbox-stores.js";

function outbox(options = {}) {
  const store = options.store ?? new MemoryOutboxStore();
  return { store, outbox: new Outbox({ store, ...options }) };
}

test("entries are kept in send order and persisted before add resolves", async () => {
  const { store, outbox: box } = outbox();
  await box.add("a", "room_message", { room_id: "r", message: 1 });
  await box.add("b", "chat", { to: "bob", message: 2 });
  assert.deepEqual(box.entries().map((entry) => entry.id), ["a", "b"]);
  assert.deepEqual((await store.load()).map((entry) => entry.id), ["a", "b"]);
});

test("an ack resolves the sender's promise and removes the entry from memory and store", async () => {
  const { store, outbox: box } = outbox();
  const { settled } = await box.add("a", "room_message", { room_id: "r", message: 1 });
  assert.equal(await box.resolve("a", { server_message_id: "s1", message_id: "a" }), true);
  assert.deepEqual(await settled, { server_message_id: "s1", message_id: "a" });
  assert.equal(box.size, 0);
  assert.deepEqual(await store.load(), []);
  assert.equal(await box.resolve("a", {}), false, "a second ack for the same id settles nothing");
});

test("an error rejects the promise and removes the entry", async () => {
  const { outbox: box } = outbox();
  const { settled } = await box.add("a", "room_message", { room_id: "r", message: 1 });
  await box.reject("a", new Error("forbidden"));
  await assert.rejects(settled, /forbidden/);
  assert.equal(box.has("a"), false);
});

test("the outbox is bounded in size: a send beyond maxSize is refused, earlier ones are kept", async () => {
  const { outbox: box } = outbox({ maxSize: 2 });
  await box.add("a", "chat", { to: "x", message: 1 });
  await box.add("b", "chat", { to: "x", message: 2 });
  await assert.rejects(box.add("c", "chat", { to: "x", message: 3 }), (error) =>
    error instanceof OutboxError && error.code === "outbox_full");
  assert.deepEqual(box.entries().map((entry) => entry.id), ["a", "b"]);
});

test("the outbox is bounded in age: old entries are rejected as expired, never resent", async () => {
  let now = 1_000;
  const { store, outbox: box } = outbox({ maxAgeMs: 100, now: () => now });
  const old = await box.add("old", "chat", { to: "x", message: 1 });
  now = 1_050;
  await box.add("young", "chat", { to: "x", message: 2 });
  now = 1_120;
  const expired = await box.expire();
  assert.deepEqual(expired.map((entry) => entry.id), ["old"]);
  await assert.rejects(old.settled, (error) => error.code === "expired");
  assert.deepEqual((await store.load()).map((entry) => entry.id), ["young"]);
});

test("a new outbox on the same store (a reload) finds the unsent entries, in order, and appends after them", async () => {
  const store = new MemoryOutboxStore();
  const before = new Outbox({ store });
  await before.add("a", "room_message", { room_id: "r", message: 1 });
  await before.add("b", "room_message", { room_id: "r", message: 2 });
  await before.resolve("a", {});

  const after = new Outbox({ store });
  await after.ready();
  await after.add("c", "room_message", { room_id: "r", message: 3 });
  assert.deepEqual(after.entries().map((entry) => entry.id), ["b", "c"]);
  assert.deepEqual((await store.load()).map((entry) => entry.id), ["b", "c"]);
});

test("a message the store cannot persist is refused and not kept", async () => {
  const store = new MemoryOutboxStore();
  store.put = async () => {
    throw new Error("quota exceeded");
  };
  const box = new Outbox({ store });
  await assert.rejects(box.add("a", "chat", { to: "x", message: 1 }), /quota exceeded/);
  assert.equal(box.size, 0);
});
