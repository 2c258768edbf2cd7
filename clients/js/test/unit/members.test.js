import { test } from "node:test";
import assert from "node:assert/strict";
import { membersAfter } from "../../src/members.js";

const joined = (user) => ({ type: "user_joined", payload: { room_id: "r", user_id: user } });
const left = (user) => ({ type: "user_left", payload: { room_id: "r", user_id: user } });

test("a user who joined after the ack's snapshot is not lost", () => {
  // The gateway took the snapshot [alice], then bob joined; bob's user_joined overtook alice's ack.
  assert.deepEqual(membersAfter(["alice"], [joined("alice"), joined("bob")]), ["alice", "bob"]);
});

test("events already in the snapshot change nothing", () => {
  assert.deepEqual(membersAfter(["alice", "bob"], [joined("alice"), joined("bob")]), ["alice", "bob"]);
  assert.deepEqual(membersAfter(["alice"], [joined("carol"), left("carol")]), ["alice"]);
});

test("each user's last event wins", () => {
  assert.deepEqual(membersAfter(["alice", "bob"], [left("bob")]), ["alice"]);
  assert.deepEqual(membersAfter(["alice"], [left("bob"), joined("bob")]), ["alice", "bob"]);
});
