// Recovery after a reconnect against a real gateway: the SDK resumes the user's stream and re-joins
// its rooms from their last positions, the gateway replays what was missed, and the application
// gets every message once, in order, and is told `recovered` or `continuityLost`.

import { test } from "node:test";
import assert from "node:assert/strict";
import { WsfleetClient, MemoryOutboxStore } from "../../src/index.js";
import { gatewayPerFile, token, eventually } from "../support/gateway.js";
import { TcpProxy } from "../support/tcp-proxy.js";
import { DuplicatingWebSocket, recordingWebSocket } from "../support/websockets.js";

const FAST = { minDelayMs: 50, maxDelayMs: 300, nowJitterMs: 50 };

const gateway = gatewayPerFile();

/** A client with everything it hands the application recorded, in order. */
function recorded(user, options = {}) {
  const client = new WsfleetClient({ url: gateway.wsUrl, token: () => token(user), reconnect: FAST, connectTimeoutMs: 500, ...options });
  const events = [];
  for (const type of ["room_message", "chat", "notification", "recovered", "continuityLost", "continuity_lost", "ready"]) {
    client.on(type, (event) => events.push({ type, event }));
  }
  const of = (type) => events.filter((e) => e.type === type).map((e) => e.event);
  return { client, events, of, texts: (type = "room_message") => of(type).map((frame) => frame.payload.message) };
}

/** A recorded client behind a TCP proxy the test can cut; `transmitted` has every frame it sent. */
async function proxied(user, options = {}) {
  const proxy = await TcpProxy.start(gateway.port);
  const transmitted = [];
  return { proxy, transmitted, ...recorded(user, { url: proxy.wsUrl, WebSocket: recordingWebSocket(transmitted), ...options }) };
}

/** The frames a member transmitted on its latest connection (attempts that never opened sent none). */
function lastConnection(member) {
  const latest = Math.max(...member.transmitted.map((frame) => frame.connection));
  return member.transmitted.filter((frame) => frame.connection === latest);
}

/** Cuts the member's connection, runs `meanwhile` while no new one gets through, then lets it reconnect. */
async function away(member, meanwhile) {
  member.proxy.frozen = true;
  member.proxy.cut();
  await eventually(() => member.client.state === "reconnecting", 5_000, "reconnecting");
  await meanwhile();
  member.proxy.frozen = false;
}

/** Connects each member and joins it to the room. */
async function inRoom(roomId, ...members) {
  for (const member of members) {
    await member.client.connect();
    await member.client.join(roomId);
  }
}

/** Sends `end` to the room and waits until `member` has it: everything sent before has arrived too. */
async function settle(sender, member, roomId) {
  const ends = () => member.texts().filter((text) => text === "end").length;
  const before = ends();
  await sender.send(roomId, "end");
  await eventually(() => ends() > before, 10_000, "the end marker");
}

test("a member cut off while 20 messages are published gets exactly those 20 once, in order, and a recovered event", async () => {
  const alice = await proxied("rv-alice");
  const bob = recorded("rv-bob");
  try {
    await inRoom("rv-room", alice, bob);
    await bob.client.send("rv-room", "before");
    await eventually(() => alice.texts().includes("before"), 5_000, "alice has the first message");
    const before = alice.of("room_message")[0];

    const missed = Array.from({ length: 20 }, (_, i) => `missed ${i + 1}`);
    await away(alice, async () => {
      for (const [i, text] of missed.entries()) {
        // Half from a member, half through the publish API: both are kept with offsets.
        if (i % 2 === 0) await bob.client.send("rv-room", text);
        else await gateway.publish("rooms/rv-room/messages", { type: "room_message", payload: { message: text }, from: "backend" });
      }
    });
    await eventually(() => alice.of("ready").length === 2, 10_000, "alice reconnected");
    await settle(bob.client, alice, "rv-room");

    assert.deepEqual(alice.texts(), ["before", ...missed, "end"]);
    const offsets = alice.of("room_message").map((frame) => frame.offset);
    assert.deepEqual(offsets, offsets.map((_, i) => before.offset + i), "consecutive offsets, none twice");
    assert.deepEqual(alice.of("recovered").filter((event) => event.stream === "room"), [{
      stream: "room",
      room_id: "rv-room",
      since: { offset: before.offset, epoch: before.epoch },
      position: { offset: before.offset + 20, epoch: before.epoch },
    }]);
    assert.equal(alice.of("continuityLost").filter((event) => event.stream === "room").length, 0);
    assert.equal(alice.of("ready")[1].continuityLost, false);
    const join = lastConnection(alice).find((frame) => frame.type === "join_room");
    assert.deepEqual(join.payload.since, { offset: before.offset, epoch: before.epoch });
  } finally {
    alice.client.close();
    bob.client.close();
    await alice.proxy.close();
  }
});

test("a position of another epoch is answered continuityLost: nothing is replayed, and the room is followed from its current position", async () => {
  await gateway.publish("rooms/rv-epoch/messages", { type: "room_message", payload: { message: "kept earlier" } });
  const store = new MemoryOutboxStore();
  await store.savePositions([{ stream: "room:rv-epoch", position: { offset: 0, epoch: "anepochlonggone" } }]);
  const carol = await proxied("rv-carol", { outbox: { store } });
  const bob = recorded("rv-bob-epoch");
  try {
    await inRoom("rv-epoch", bob);
    const joined = carol.client.join("rv-epoch");
    const ready = await carol.client.connect();
    assert.equal((await joined).recovered, false);
    assert.equal(ready.continuityLost, true);
    const [lost] = carol.of("continuityLost").filter((event) => event.stream === "room");
    assert.equal(lost.room_id, "rv-epoch");
    assert.deepEqual(lost.since, { offset: 0, epoch: "anepochlonggone" });
    assert.notEqual(lost.position.epoch, "anepochlonggone");
    assert.ok(lost.position.offset >= 1, "the room kept the earlier message");
    assert.deepEqual(carol.of("continuity_lost").map((event) => event.rooms), [["rv-epoch"]]);
    await settle(bob.client, carol, "rv-epoch");
    assert.deepEqual(carol.texts(), ["end"], "nothing of the other epoch's position was replayed");
    const kept = await carol.client.history("rv-epoch", { limit: 10 });
    assert.deepEqual(kept.messages.map((frame) => frame.payload.message), ["kept earlier", "end"], "what was missed, on request");
    assert.deepEqual(kept.position, { offset: lost.position.offset + 1, epoch: lost.position.epoch });

    // From now on the room's own position is used: the next drop recovers.
    await away(carol, () => bob.client.send("rv-epoch", "while away"));
    await eventually(() => carol.of("recovered").some((event) => event.stream === "room"), 10_000, "recovered");
    await settle(bob.client, carol, "rv-epoch");
    assert.deepEqual(carol.texts(), ["end", "while away", "end"]);
  } finally {
    carol.client.close();
    bob.client.close();
    await carol.proxy.close();
  }
});

test("direct messages and notifications missed while away are replayed through resume, which goes out first; the client's own are not", async () => {
  const dave = await proxied("rv-dave");
  const erin = recorded("rv-erin");
  try {
    const joined = dave.client.join("rv-dm-room"); // before connecting: joined right after the resume
    await dave.client.connect();
    await joined;
    await erin.client.connect();
    await erin.client.sendTo("rv-dave", "dm before");
    await eventually(() => dave.texts("chat").includes("dm before"), 5_000, "the first direct message");
    // Kept in dave's stream too (for his other devices), but this connection never gets it.
    await dave.client.sendTo("rv-erin", "dave's own");

    await away(dave, async () => {
      await erin.client.sendTo("rv-dave", "dm 1");
      await gateway.publish("users/rv-dave/messages", { type: "notification", payload: { text: "notified" } });
      await erin.client.sendTo("rv-dave", "dm 2");
    });
    await eventually(() => dave.of("ready").length === 2, 10_000, "dave reconnected");
    await erin.client.sendTo("rv-dave", "dm after");
    await eventually(() => dave.texts("chat").includes("dm after"), 5_000, "the live direct message");

    assert.deepEqual(dave.texts("chat"), ["dm before", "dm 1", "dm 2", "dm after"]);
    assert.deepEqual(dave.of("notification").map((frame) => frame.payload.text), ["notified"]);
    const userFrames = dave.events.filter((e) => e.type === "chat" || e.type === "notification").map((e) => e.event.offset);
    const first = userFrames[0];
    assert.deepEqual(userFrames, [first, first + 2, first + 3, first + 4, first + 5], "the user stream's offsets; first + 1 is dave's own");
    const [recovered] = dave.of("recovered").filter((event) => event.stream === "user");
    assert.deepEqual(recovered.since, { offset: userFrames[0], epoch: dave.of("chat")[0].epoch });
    const second = lastConnection(dave);
    assert.equal(second[0].type, "resume", "resume is the new connection's first frame");
    assert.deepEqual(second[0].payload.since, recovered.since);
    assert.equal(second[1].type, "join_room");
  } finally {
    dave.client.close();
    erin.client.close();
    await dave.proxy.close();
  }
});

test("a client started again on the same store (a restarted process) recovers what its rooms got meanwhile", async () => {
  const store = new MemoryOutboxStore();
  const first = recorded("rv-frank", { outbox: { store } });
  const grace = recorded("rv-grace");
  let second;
  try {
    await inRoom("rv-restart", grace, first);
    await settle(grace.client, first, "rv-restart");
    first.client.close();
    await eventually(async () => (await store.loadPositions()).some((entry) => entry.stream === "room:rv-restart"
      && entry.position.offset === first.of("room_message").at(-1).offset), 2_000, "the position persisted");

    for (const text of ["gone 1", "gone 2", "gone 3"]) await grace.client.send("rv-restart", text);
    second = recorded("rv-frank", { outbox: { store } });
    second.client.join("rv-restart");
    await second.client.connect();
    await settle(grace.client, second, "rv-restart");
    assert.deepEqual(second.texts(), ["gone 1", "gone 2", "gone 3", "end"]);
    assert.equal(second.of("recovered").filter((event) => event.stream === "room").length, 1);
  } finally {
    second?.client.close();
    grace.client.close();
  }
});

test("a frame delivered twice reaches the application once", async () => {
  const heidi = recorded("rv-heidi", { WebSocket: DuplicatingWebSocket });
  const ivan = recorded("rv-ivan");
  try {
    await inRoom("rv-twice", heidi, ivan);
    for (const text of ["one", "two", "three"]) await ivan.client.send("rv-twice", text);
    await ivan.client.sendTo("rv-heidi", "direct");
    await settle(ivan.client, heidi, "rv-twice");
    await eventually(() => heidi.texts("chat").length > 0, 5_000, "the direct message");
    assert.deepEqual(heidi.texts(), ["one", "two", "three", "end"]);
    assert.deepEqual(heidi.texts("chat"), ["direct"]);
  } finally {
    heidi.client.close();
    ivan.client.close();
  }
});
