// The outbox against a real gateway: messages whose acks were lost, or that were written while the
// client was disconnected, reach the room once each and in order.

import { test } from "node:test";
import assert from "node:assert/strict";
import { WsfleetClient, MemoryOutboxStore, ServerError } from "../../src/index.js";
import { gatewayPerFile, token, eventually } from "../support/gateway.js";
import { TcpProxy } from "../support/tcp-proxy.js";
import { recordingWebSocket } from "../support/websockets.js";

const FAST = { minDelayMs: 50, maxDelayMs: 300, nowJitterMs: 50 };

function receiver(user) {
  const frames = [];
  const instance = new WsfleetClient({ url: gateway.wsUrl, token: token(user), reconnect: FAST });
  instance.on("room_message", (frame) => frames.push(frame));
  return { client: instance, frames, texts: () => frames.map((frame) => frame.payload.message) };
}

const gateway = gatewayPerFile();

test("after acks were lost and the connection dropped, the outbox resends in order and the room gets each message once", async () => {
  const proxy = await TcpProxy.start(gateway.port);
  const transmitted = [];
  const alice = new WsfleetClient({
    url: proxy.wsUrl,
    token: () => token("ob-alice"),
    reconnect: FAST,
    connectTimeoutMs: 300,
    WebSocket: recordingWebSocket(transmitted),
  });
  const bob = receiver("ob-bob");
  try {
    await bob.client.connect();
    await bob.client.join("ob-room");
    await alice.connect();
    await alice.join("ob-room");

    // 1-10 reach the gateway and bob, but their acks never reach alice; then the connection drops.
    proxy.repliesLost = true;
    const sends = [];
    for (let i = 1; i <= 10; i++) sends.push(alice.send("ob-room", `m${i}`));
    await eventually(() => bob.frames.length === 10, 5_000, "bob has the first ten");
    proxy.frozen = true; // and no new connection gets through for now
    proxy.cut();
    proxy.repliesLost = false;

    // 11-20 are written while alice cannot connect.
    await eventually(() => alice.state === "reconnecting", 5_000, "alice reconnecting");
    for (let i = 11; i <= 20; i++) sends.push(alice.send("ob-room", `m${i}`));
    await eventually(() => alice.pending().length === 20, 2_000, "twenty pending");
    proxy.frozen = false;

    const acks = await Promise.all(sends);
    await eventually(() => bob.frames.length >= 20, 5_000, "bob has twenty");
    await bob.client.send("ob-room", "end"); // bob's own message arrives after anything still in flight
    await eventually(() => bob.texts().includes("end"), 5_000, "the end marker");

    assert.deepEqual(bob.texts(), [...Array.from({ length: 20 }, (_, i) => `m${i + 1}`), "end"]);
    // The resends of 1-10 were acked with the ids of the first (and only) deliveries.
    assert.deepEqual(acks.map((ack) => ack.server_message_id), bob.frames.slice(0, 20).map((frame) => frame.message_id));
    const sentTexts = transmitted.filter((frame) => frame.type === "room_message").map((frame) => frame.payload.message);
    assert.deepEqual(sentTexts.filter((text) => text === "m1"), ["m1", "m1"], "m1 was transmitted twice");
    assert.ok(transmitted.filter((frame) => frame.type === "room_message").every((frame) => frame.dedup === true));
    assert.equal(alice.pending().length, 0);
  } finally {
    alice.close();
    bob.client.close();
    await proxy.close();
  }
});

test("messages queued by one client instance are sent by the next one on the same store, once", async () => {
  const store = new MemoryOutboxStore();
  const bob = receiver("ob-bob2");
  await bob.client.connect();
  await bob.client.join("ob-reload");
  const nowhere = new WsfleetClient({
    url: "ws://127.0.0.1:9/ws", // nothing listens: this instance never connects
    token: token("ob-carol"),
    reconnect: FAST,
    outbox: { store },
  });
  let later;
  try {
    nowhere.connect();
    nowhere.send("ob-reload", "queued 1");
    nowhere.send("ob-reload", "queued 2");
    await eventually(async () => (await store.load()).length === 2, 2_000, "persisted");
    nowhere.close();

    // The next page (or process) opens the same store.
    later = new WsfleetClient({ url: gateway.wsUrl, token: token("ob-carol"), reconnect: FAST, outbox: { store } });

    const sent = [];
    later.on("sent", (event) => sent.push(event.message_id));
    await later.connect(); // joins ob-reload itself: a queued message implies its room
    await eventually(() => sent.length === 2, 5_000, "both acked");
    await bob.client.send("ob-reload", "end");
    await eventually(() => bob.texts().includes("end"), 5_000, "the end marker");
    assert.deepEqual(bob.texts(), ["queued 1", "queued 2", "end"]);
    assert.deepEqual(await store.load(), []);
  } finally {
    later?.close();
    bob.client.close();
  }
});

test("a message the server refuses rejects with its error code and leaves the outbox", async () => {
  const alice = new WsfleetClient({ url: gateway.wsUrl, token: token("ob-refused"), reconnect: FAST });
  try {
    await alice.connect();
    const refused = alice.sendTo("x".repeat(300), "too long a recipient");
    await assert.rejects(refused, (error) => error instanceof ServerError && error.code === "invalid_field");
    assert.equal(alice.pending().length, 0);
  } finally {
    alice.close();
  }
});

test("the token can travel in the query string instead of the subprotocol", async () => {
  const alice = new WsfleetClient({ url: gateway.wsUrl, token: token("ob-query"), tokenTransport: "query", reconnect: FAST });
  try {
    await alice.connect();
    const ack = await alice.join("ob-query-room");
    assert.deepEqual(ack.members, ["ob-query"]);
  } finally {
    alice.close();
  }
});
