import { test } from "node:test";
import assert from "node:assert/strict";
import { Backoff } from "../../src/backoff.js";
import { classifyClose, CloseClass } from "../../src/close-codes.js";

test("the bound doubles from minDelayMs and is capped at maxDelayMs", () => {
  const backoff = new Backoff({ minDelayMs: 100, maxDelayMs: 1000 });
  assert.deepEqual([0, 1, 2, 3, 4, 5, 60].map((attempt) => backoff.bound(attempt)), [100, 200, 400, 800, 1000, 1000, 1000]);
});

test("full jitter: each delay is the random fraction of its attempt's bound", () => {
  const fractions = [0.5, 0.999, 0, 0.25];
  const backoff = new Backoff({ minDelayMs: 100, maxDelayMs: 10_000, random: () => fractions.shift() });
  assert.deepEqual([backoff.next(), backoff.next(), backoff.next(), backoff.next()], [50, 199, 0, 200]);
});

test("delays stay within [0, bound) with the real random source", () => {
  const backoff = new Backoff({ minDelayMs: 10, maxDelayMs: 80 });
  for (let attempt = 0; attempt < 200; attempt++) {
    const bound = backoff.bound(backoff.attempts);
    const delay = backoff.next();
    assert.ok(delay >= 0 && delay < bound, `delay ${delay} outside [0, ${bound})`);
  }
});

test("there is no attempt cap by default", () => {
  const backoff = new Backoff({ minDelayMs: 1, maxDelayMs: 2 });
  for (let i = 0; i < 10_000; i++) assert.notEqual(backoff.next(), null);
});

test("maxAttempts ends the backoff, and reset starts over from the smallest bound", () => {
  const backoff = new Backoff({ minDelayMs: 100, maxDelayMs: 1000, maxAttempts: 2, random: () => 0.5 });
  assert.deepEqual([backoff.next(), backoff.next(), backoff.next()], [50, 100, null]);
  backoff.reset();
  assert.equal(backoff.next(), 50);
});

test("reconnect-now delays are a small jitter and do not count as attempts", () => {
  const backoff = new Backoff({ nowJitterMs: 200, random: () => 0.5 });
  assert.equal(backoff.now(), 100);
  assert.equal(backoff.attempts, 0);
});

test("invalid bounds are refused", () => {
  assert.throws(() => new Backoff({ minDelayMs: 0 }), RangeError);
  assert.throws(() => new Backoff({ minDelayMs: 500, maxDelayMs: 100 }), RangeError);
});

test("close codes are classified as the gateway's CloseCode does", () => {
  const expected = {
    [CloseClass.TERMINAL]: [1002, 1003, 1007, 1008, 1009, 1010, 4000, 4050, 4099],
    [CloseClass.BACKOFF]: [1000, 1005, 1006, 1011, 1013, 1014, 1015, 3000, 4100, 4199, 4300, 4999],
    [CloseClass.NOW]: [1001, 1012, 4200, 4299],
  };
  for (const [closeClass, codes] of Object.entries(expected)) {
    for (const code of codes) assert.equal(classifyClose(code), closeClass, `code ${code}`);
  }
});
