// Reconnect by close-code class, against real gateway processes.

import { test } from "node:test";
import assert from "node:assert/strict";
import { WsfleetClient, ConnectionState } from "../../src/index.js";
import { GatewayProcess, gatewayPerFile, token, eventually, sleep } from "../support/gateway.js";
import { TcpProxy } from "../support/tcp-proxy.js";

const FAST = { minDelayMs: 50, maxDelayMs: 400, nowJitterMs: 100 };

function client(gateway, user, options = {}) {
  const tokens = [];
  const instance = new WsfleetClient({
    url: gateway.wsUrl,
    token: () => {
      tokens.push(Date.now());
      return token(user);
    },
    reconnect: FAST,
    ...options,
  });
  const events = [];
  for (const type of ["state", "disconnected", "reconnecting", "ready", "closed", "members", "continuity_lost", "room_message"]) {
    instance.on(type, (event) => events.push({ type, event }));
  }
  return { client: instance, events, tokens, of: (type) => events.filter((e) => e.type === type).map((e) => e.event) };
}

function roomMessages(recorded) {
  return recorded.of("room_message").map((frame) => frame.payload.message);
}

const gateway = gatewayPerFile();

test("a gateway restart (1012, reconnect now) is followed at once by a reconnect; rooms are re-joined and the token callback runs again", async () => {
  const alice = client(gateway, "rc-alice");
  const bob = client(gateway, "rc-bob");
  try {
    await alice.client.connect();
    await bob.client.connect();
    await alice.client.join("rc-now");
    await bob.client.join("rc-now");

    await gateway.stop(); // drains: every connection is closed with 1012
    await gateway.start();

    await eventually(() => alice.of("ready").length === 2 && bob.of("ready").length === 2, 15_000, "both reconnected");
    const drop = alice.of("disconnected")[0];
    assert.equal(drop.code, 1012);
    assert.equal(drop.closeClass, "now");
    const firstRetry = alice.of("reconnecting")[0];
    assert.equal(firstRetry.closeClass, "now");
    assert.ok(firstRetry.delayMs < FAST.nowJitterMs, `delay ${firstRetry.delayMs} is a small jitter`);
    assert.ok(alice.tokens.length >= 2, "the token callback ran before reconnecting");

    const resumed = alice.of("ready")[1];
    assert.equal(resumed.resumed, true);
    assert.equal(resumed.continuityLost, true);
    assert.deepEqual(alice.of("continuity_lost").map((e) => e.reason), ["reconnected"]);
    const resync = alice.of("members").filter((e) => e.resync);
    assert.equal(resync.length, 1);
    assert.deepEqual(resync[0].members.filter((m) => m === "rc-alice"), ["rc-alice"]);

    // No join after the restart: the SDK re-joined.
    await bob.client.send("rc-now", "after restart");
    await eventually(() => roomMessages(alice).includes("after restart"), 5_000, "the message in the re-joined room");
  } finally {
    alice.client.close();
    bob.client.close();
  }
});

test("a crashed gateway (1006, backoff) is retried with growing delays until it is back", async () => {
  const alice = client(gateway, "rc-crash");
  try {
    await alice.client.connect();
    await alice.client.join("rc-backoff");
    await gateway.kill();
    await eventually(() => alice.of("reconnecting").length >= 4, 10_000, "several attempts while the gateway is down");
    await gateway.start();
    await eventually(() => alice.of("ready").length === 2, 15_000, "reconnected");

    assert.equal(alice.of("disconnected")[0].code, 1006);
    const attempts = alice.of("reconnecting");
    assert.ok(attempts.every((attempt) => attempt.closeClass === "backoff"));
    assert.deepEqual(attempts.slice(0, 4).map((a) => a.attempt), [1, 2, 3, 4]);
    for (const attempt of attempts) {
      const bound = Math.min(FAST.maxDelayMs, FAST.minDelayMs * 2 ** (attempt.attempt - 1));
      assert.ok(attempt.delayMs >= 0 && attempt.delayMs < bound, `attempt ${attempt.attempt}: ${attempt.delayMs} < ${bound}`);
    }
    assert.equal(alice.client.state, ConnectionState.OPEN);
    assert.deepEqual(alice.client.rooms, ["rc-backoff"]);
    const health = await gateway.health();
    assert.equal(health.rooms, 1, "the re-joined room exists on the new gateway");
  } finally {
    alice.client.close();
  }
});

test("a terminal close (1009, message too large) stops the client: no reconnect", async () => {
  const small = await GatewayProcess.start({ MAX_MESSAGE_BYTES: "1024" });
  const alice = client(small, "rc-terminal");
  try {
    await alice.client.connect();
    await alice.client.join("rc-terminal");
    const refused = alice.client.send("rc-terminal", "x".repeat(4096));
    await eventually(() => alice.of("closed").length === 1, 5_000, "the terminal close");
    await sleep(FAST.maxDelayMs * 3);

    assert.equal(alice.of("disconnected")[0].code, 1009);
    assert.equal(alice.of("disconnected")[0].closeClass, "terminal");
    assert.equal(alice.of("reconnecting").length, 0);
    assert.equal(alice.tokens.length, 1, "no new connection was attempted");
    assert.equal(alice.client.state, ConnectionState.CLOSED);
    assert.equal((await small.health()).connections, 0);
    assert.equal(alice.client.pending().length, 1, "the unsent message stays in the outbox");
    refused.catch(() => {});
  } finally {
    alice.client.close();
    await small.kill();
  }
});

test("a silent connection is detected by the heartbeat and replaced", async () => {
  const proxy = await TcpProxy.start(gateway.port);
  const alice = client({ wsUrl: proxy.wsUrl }, "rc-silent", {
    heartbeatIntervalMs: 200,
    heartbeatTimeoutMs: 300,
    connectTimeoutMs: 500, // an attempt made while still frozen hangs in the handshake
  });
  try {
    await alice.client.connect();
    proxy.frozen = true;
    await eventually(() => alice.of("disconnected").some((e) => e.reason === "heartbeat timeout"), 5_000, "heartbeat timeout");
    proxy.frozen = false;
    await eventually(() => alice.of("ready").length === 2, 5_000, "a new connection");
    assert.equal(alice.of("disconnected")[0].closeClass, "backoff");
  } finally {
    alice.client.close();
    await proxy.close();
  }
});

test("a handshake that never completes times out and is retried", async () => {
  const proxy = await TcpProxy.start(gateway.port);
  proxy.frozen = true;
  const alice = client({ wsUrl: proxy.wsUrl }, "rc-blackhole", { connectTimeoutMs: 300 });
  try {
    const ready = alice.client.connect();
    await eventually(() => alice.of("disconnected").filter((e) => e.reason === "connect timeout").length >= 2, 5_000, "two timed-out attempts");
    proxy.frozen = false;
    await ready;
    assert.equal(alice.client.state, ConnectionState.OPEN);
    assert.ok(alice.of("reconnecting").every((attempt) => attempt.closeClass === "backoff"));
  } finally {
    alice.client.close();
    await proxy.close();
  }
});

test("a token callback that fails is retried with backoff", async () => {
  let calls = 0;
  const events = [];
  const alice = new WsfleetClient({
    url: gateway.wsUrl,
    token: async () => {
      calls += 1;
      if (calls === 1) throw new Error("token service unavailable");
      return token("rc-token-retry");
    },
    reconnect: FAST,
  });
  alice.on("disconnected", (event) => events.push(event));
  try {
    await alice.connect();
    assert.equal(calls, 2);
    assert.deepEqual(events.map((e) => [e.reason, e.closeClass]), [["token service unavailable", "backoff"]]);
  } finally {
    alice.close();
  }
});
