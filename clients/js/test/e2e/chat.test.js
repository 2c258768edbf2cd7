// Two people chat through the example page in headless Chromium; one goes offline, writes, reloads
// the page while still offline, comes back, and the other receives each message once and in order.

import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gatewayPerFile, token } from "../support/gateway.js";
import { chromiumPerFile, serviceWorkerInControl } from "../support/chromium.js";

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "../../test-artifacts");

const gateway = gatewayPerFile();
const browser = chromiumPerFile();

before(() => mkdirSync(ARTIFACTS, { recursive: true }));

async function openChat(user) {
  const context = await browser().newContext({ viewport: { width: 900, height: 600 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[${user}] page error:`, error));
  await page.goto(`${gateway.httpUrl}/chat/#user=${user}&token=${token(user)}&room=lobby`);
  await page.waitForFunction(() => document.getElementById("state").textContent === "open");
  assert.equal(await page.isVisible("#banner"), false, "no banner while connected");
  return { context, page };
}

/** The texts of the room messages the page shows from a user (pending ones excluded). */
function received(page, from) {
  return page.$$eval(`#messages li.message[data-from="${from}"] .text`, (items) => items.map((item) => item.textContent));
}

async function send(page, text) {
  await page.fill("#text", text);
  await page.press("#text", "Enter");
}

test("two pages chat; an offline page's messages survive a reload and arrive once, in order", async () => {
  const alice = await openChat("alice");
  const bob = await openChat("bob");
  try {
    // Presence: each sees both in the member list.
    for (const { page } of [alice, bob]) {
      await page.waitForFunction(() => [...document.querySelectorAll("#members li")].map((li) => li.textContent).join() === "alice,bob");
    }

    await send(alice.page, "hello bob");
    await bob.page.waitForFunction(() => document.querySelectorAll("#messages li.message").length === 1);

    // Typing indicator.
    await bob.page.type("#text", "hi");
    await alice.page.waitForFunction(() => document.getElementById("typing").textContent.includes("bob is typing"));
    await send(bob.page, "hi alice");
    await alice.page.waitForFunction(() => document.querySelectorAll('#messages li.message[data-from="bob"]').length === 1);
    await alice.page.screenshot({ path: join(ARTIFACTS, "chat-online.png") });

    // Alice goes offline and writes three messages.
    await serviceWorkerInControl(alice.page);
    await alice.context.setOffline(true);
    await alice.page.waitForFunction(() => document.getElementById("state").textContent === "offline");
    assert.equal(await alice.page.isVisible("#banner"), true, "the offline banner shows");
    for (const text of ["offline 1", "offline 2", "offline 3"]) await send(alice.page, text);
    await alice.page.waitForFunction(() => document.getElementById("pending-count").textContent === "3");
    await alice.page.screenshot({ path: join(ARTIFACTS, "chat-offline-pending.png") });

    // Reload while still offline: the page comes from the service worker, the messages from IndexedDB.
    await alice.page.reload();
    await alice.page.waitForFunction(() => document.getElementById("pending-count").textContent === "3"
      && document.querySelectorAll("#messages li.pending").length === 3);
    await alice.page.screenshot({ path: join(ARTIFACTS, "chat-offline-after-reload.png") });
    assert.deepEqual(await received(bob.page, "alice"), ["hello bob"], "nothing was sent while offline");

    // Back online: the outbox is flushed.
    await alice.context.setOffline(false);
    await alice.page.waitForFunction(() => document.getElementById("state").textContent === "open"
      && document.getElementById("pending-count").textContent === "0");
    await bob.page.waitForFunction(() => document.querySelectorAll('#messages li.message[data-from="alice"]').length >= 4);

    // A last message proves nothing else is on its way.
    await send(alice.page, "done");
    await bob.page.waitForFunction(() => [...document.querySelectorAll("#messages li.message .text")].some((t) => t.textContent === "done"));
    assert.deepEqual(await received(bob.page, "alice"), ["hello bob", "offline 1", "offline 2", "offline 3", "done"]);
    await alice.page.waitForFunction(() => document.getElementById("pending-count").textContent === "0");
    assert.equal(await alice.page.isVisible("#banner"), false, "the banner is gone once connected");
    await bob.page.screenshot({ path: join(ARTIFACTS, "chat-received.png") });
  } catch (error) {
    // What each page showed when the test failed, for the CI artifacts.
    await alice.page.screenshot({ path: join(ARTIFACTS, "failure-alice.png") }).catch(() => {});
    await bob.page.screenshot({ path: join(ARTIFACTS, "failure-bob.png") }).catch(() => {});
    throw error;
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});
