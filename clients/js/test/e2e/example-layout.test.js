// The example chat page in a 1200x700 window: it shows the sign-in form or the chat, never both, and
// the message box stays on screen however many messages the room has. Screenshots of both states are
// written to test-artifacts/ for a person to look at.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gatewayPerFile } from "../support/gateway.js";
import { chromiumPerFile } from "../support/chromium.js";

const RESULTS = resolve(dirname(fileURLToPath(import.meta.url)), "../../test-artifacts");
const WINDOW = { width: 1200, height: 700 };
const gateway = gatewayPerFile({ JWT_SECRET_KEY: "" }); // development mode: the page signs tokens
const browser = chromiumPerFile();

/** The element's box lies inside the window (so it is visible without scrolling). */
async function assertOnScreen(page, selector) {
  const box = await page.locator(selector).boundingBox();
  assert.ok(box, `${selector} is rendered`);
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= WINDOW.width && box.y + box.height <= WINDOW.height,
    `${selector} at ${JSON.stringify(box)} is inside ${WINDOW.width}x${WINDOW.height}`);
}

/** The inner element's box lies inside the outer one's (not cut off by it). */
async function assertInside(page, inner, outer) {
  const [a, b] = [await page.locator(inner).boundingBox(), await page.locator(outer).boundingBox()];
  assert.ok(a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height,
    `${inner} at ${JSON.stringify(a)} is inside ${outer} at ${JSON.stringify(b)}`);
}

test("the chat page shows either sign-in or the chat, and fits 1200x700 with a long conversation", async () => {
  mkdirSync(RESULTS, { recursive: true });
  const context = await browser().newContext({ viewport: WINDOW });
  try {
    const page = await context.newPage();
    await page.goto(`${gateway.httpUrl}/chat/`);
    assert.equal(await page.isVisible("#login"), true);
    assert.equal(await page.isVisible("#chat"), false, "no chat before signing in");
    await assertOnScreen(page, "#login button");
    await page.screenshot({ path: join(RESULTS, "chat-sign-in-1200x700.png") });

    await page.fill("#login-user", "layout-zoe");
    await page.click("#login button");
    await page.waitForFunction(() => document.getElementById("state").textContent === "open");
    assert.equal(await page.isVisible("#login"), false, "the sign-in form is gone once signed in");
    assert.equal(await page.isVisible("#chat"), true);

    for (let i = 1; i <= 40; i++) {
      await page.fill("#text", `message number ${i}`);
      await page.press("#text", "Enter");
    }
    await page.waitForFunction(() => document.querySelectorAll("#messages li.message").length === 40);
    await assertOnScreen(page, "#text");
    await assertOnScreen(page, "#send-form button");
    await assertOnScreen(page, "#messages li.message:last-child");
    await assertInside(page, "#join-form button", "aside");
    await assertInside(page, "#send-form button", "section");
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(pageHeight <= WINDOW.height, `the page is ${pageHeight}px high: the window does not scroll`);
    await page.screenshot({ path: join(RESULTS, "chat-signed-in-1200x700.png") });
  } finally {
    await context.close();
  }
});
