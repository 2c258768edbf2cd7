// The IndexedDB store in Chromium: positions next to the outbox entries, and a database an earlier
// SDK created (version 1, entries only) upgraded without losing its entries.

import { test } from "node:test";
import assert from "node:assert/strict";
import { gatewayPerFile } from "../support/gateway.js";
import { chromiumPerFile } from "../support/chromium.js";

const gateway = gatewayPerFile();
const browser = chromiumPerFile();

test("an earlier SDK's outbox database keeps its entries and gains positions that survive a reload", async () => {
  const context = await browser().newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${gateway.httpUrl}/chat/sdk/index.js`); // any page of the SDK's origin
    await page.evaluate(() => new Promise((resolve, reject) => {
      // The database as version 1 of the SDK left it.
      const request = indexedDB.open("upgraded", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("entries", { keyPath: "id" })
        .put({ id: "old", type: "chat", payload: { to: "x", message: 1 }, createdAt: 1, seq: 0 });
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    }));
    const first = await page.evaluate(async () => {
      const { IndexedDbOutboxStore } = await import("./outbox-stores.js");
      const store = new IndexedDbOutboxStore("upgraded");
      await store.savePositions([
        { stream: "room:lobby", position: { offset: 7, epoch: "e1" } },
        { stream: "user", position: { offset: 2, epoch: "u1" } },
      ]);
      await store.savePositions([{ stream: "user", position: null }, { stream: "room:lobby", position: { offset: 9, epoch: "e1" } }]);
      return { entries: (await store.load()).map((entry) => entry.id) };
    });
    assert.deepEqual(first.entries, ["old"]);

    await page.reload();
    const positions = await page.evaluate(async () => {
      const { IndexedDbOutboxStore } = await import("./outbox-stores.js");
      return new IndexedDbOutboxStore("upgraded").loadPositions();
    });
    assert.deepEqual(positions, [{ stream: "room:lobby", position: { offset: 9, epoch: "e1" } }]);
  } finally {
    await context.close();
  }
});
