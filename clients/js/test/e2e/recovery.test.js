// A chat page that goes offline, misses messages, is reloaded while still offline and comes back:
// it shows every missed message once, in order (the positions kept in IndexedDB survive the reload,
// and the gateway replays what came after them).

import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { WsfleetClient } from "../../src/index.js";
import { gatewayPerFile, token } from "../support/gateway.js";
import { chromiumPerFile, serviceWorkerInControl } from "../support/chromium.js";

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "../../test-artifacts");
const ROOM = "rv-browser";

const gateway = gatewayPerFile();
const browser = chromiumPerFile();

before(() => mkdirSync(ARTIFACTS, { recursive: true }));

/** The texts of the room messages the page shows (pending ones excluded), in page order. */
function shown(page) {
  return page.$$eval("#messages li.message .text", (items) => items.map((item) => item.textContent));
}

function waitForShown(page, count) {
  return page.waitForFunction((n) => document.querySelectorAll("#messages li.message").length >= n, count);
}

test("a page reloaded while offline shows every message it missed once, in order, when it is back", async () => {
  const context = await browser().newContext({ viewport: { width: 900, height: 600 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error("page error:", error));
  const bob = new WsfleetClient({ url: gateway.wsUrl, token: token("rv-bob-browser") });
  const say = async (...texts) => {
    for (const text of texts) await bob.send(ROOM, text);
  };
  try {
    await bob.connect();
    await bob.join(ROOM);
    await page.goto(`${gateway.httpUrl}/chat/#user=rita&token=${token("rita")}&room=${ROOM}`);
    await page.waitForFunction(() => document.getElementById("state").textContent === "open");
    // Open is not joined: what bob says before the page's join is acknowledged never reaches it.
    await page.waitForFunction(() => [...document.querySelectorAll("#members li")].some((li) => li.textContent === "rita"));
    await say("before 1", "before 2");
    await waitForShown(page, 2);

    await serviceWorkerInControl(page);
    await context.setOffline(true);
    await page.waitForFunction(() => document.getElementById("state").textContent === "offline");
    await say("missed 1", "missed 2", "missed 3", "missed 4", "missed 5");

    // Reloaded while still offline: the page comes from the service worker and starts empty.
    await page.reload();
    await page.waitForFunction(() => document.getElementById("state").textContent === "offline");
    assert.deepEqual(await shown(page), []);
    await say("missed 6", "missed 7", "missed 8");
    await page.evaluate(() => {
      window.recoveries = [];
      window.chat.on("recovered", (event) => window.recoveries.push(event));
      window.chat.on("continuityLost", (event) => window.recoveries.push({ lost: event }));
    });

    await context.setOffline(false);
    await page.waitForFunction(() => document.getElementById("state").textContent === "open");
    await waitForShown(page, 8);
    await say("live");
    await page.waitForFunction(() => [...document.querySelectorAll("#messages li.message .text")].some((t) => t.textContent === "live"));
    await page.screenshot({ path: join(ARTIFACTS, "recovery-after-reload.png"), fullPage: true });

    const missed = Array.from({ length: 8 }, (_, i) => `missed ${i + 1}`);
    assert.deepEqual(await shown(page), [...missed, "live"], "every missed message once, in order, then the live one");
    const recoveries = await page.evaluate(() => window.recoveries);
    const room = recoveries.filter((event) => event.stream === "room" || event.lost?.stream === "room");
    assert.equal(room.length, 1);
    assert.equal(room[0].room_id, ROOM, "recovered, not lost");
    assert.equal(room[0].position.offset - room[0].since.offset, 8, "asked from the last message the earlier page had");
  } catch (error) {
    await page.screenshot({ path: join(ARTIFACTS, "failure-recovery.png") }).catch(() => {});
    throw error;
  } finally {
    bob.close();
    await context.close();
  }
});
