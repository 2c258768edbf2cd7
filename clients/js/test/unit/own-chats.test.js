import { test } from "node:test";
import assert from "node:assert/strict";
import { OwnChats } from "../../src/own-chats.js";

const chat = (id, from, to) => ({ type: "chat", payload: { to, message: "x" }, from, message_id: id });

test("a direct message this client sent is known by its server id; others, and messages to oneself, are not", () => {
  const own = new OwnChats();
  own.sent("s1");
  assert.equal(own.isOwn(chat("s1", "me", "bob")), true);
  assert.equal(own.isOwn(chat("s2", "me", "bob")), false);
  assert.equal(own.isOwn(chat("s1", "me", "me")), false, "a message to oneself is delivered to the sender too");
  assert.equal(own.isOwn({ type: "room_message", payload: {}, from: "me", message_id: "s1" }), false);
});

test("it remembers the last thousand only", () => {
  const own = new OwnChats();
  for (let i = 0; i <= 1000; i++) own.sent(`s${i}`);
  assert.equal(own.isOwn(chat("s0", "me", "bob")), false);
  assert.equal(own.isOwn(chat("s1", "me", "bob")), true);
  assert.equal(own.isOwn(chat("s1000", "me", "bob")), true);
});
