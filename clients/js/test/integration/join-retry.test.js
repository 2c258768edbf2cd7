// A join refused with "not now" is asked again, against a real gateway on a real redis-server.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { WsfleetClient } from "../../src/index.js";
import { GatewayProcess, token, eventually } from "../support/gateway.js";
import { RedisServer } from "../support/redis.js";

let redis;
let gateway;

before(async () => {
  redis = await RedisServer.start();
  gateway = await GatewayProcess.start({ REDIS_URL: redis.url, REDIS_PREFIX: "join-retry" });
});

after(async () => {
  await gateway?.stop();
  await redis?.stop();
});

function client(user) {
  return new WsfleetClient({ url: gateway.wsUrl, token: () => token(user), outbox: { name: `join-retry-${user}` } });
}

test("a join refused as unavailable while Redis holds its writes is asked again and joined; the room's messages then arrive", async () => {
  const alice = client("jr-alice");
  const refusals = [];
  const messages = [];
  alice.on("room_message", (frame) => messages.push(frame.payload.message));
  try {
    await alice.connect();
    // Longer than the gateway's 2 s command timeout: the first join's presence update times out.
    assert.equal(redis.command("CLIENT", "PAUSE", "3500", "WRITE"), "OK");
    const started = Date.now();
    const joined = alice.join("jr-room").catch((error) => {
      refusals.push(error);
      throw error;
    });

    const ack = await joined;

    assert.deepEqual(refusals, []);
    assert.ok(Date.now() - started >= 2000, "the first attempt waited for the paused Redis and was refused");
    assert.deepEqual(ack.members, ["jr-alice"]);
    assert.deepEqual(alice.rooms, ["jr-room"]);
    await gateway.publish("rooms/jr-room/messages", { type: "room_message", payload: { message: "after the pause" } });
    await eventually(() => messages.includes("after the pause"), 10_000, "the room's message arrived");
  } finally {
    alice.close();
  }
});

test("a join refused for good (a room id the gateway does not accept) rejects and the room is not kept", async () => {
  const bob = client("jr-bob");
  try {
    await bob.connect();
    await assert.rejects(bob.join("x".repeat(300)), (error) => error.code === "invalid_field");
    assert.deepEqual(bob.rooms, []);
  } finally {
    bob.close();
  }
});
