// With the generated development secret, the example page signs people in by name alone.

import { test } from "node:test";
import assert from "node:assert/strict";
import { gatewayPerFile } from "../support/gateway.js";
import { chromiumPerFile } from "../support/chromium.js";

const gateway = gatewayPerFile({ JWT_SECRET_KEY: "" }); // development mode: a generated secret
const browser = chromiumPerFile();

test("a name is enough to sign in to a development gateway's chat page", async () => {
  const context = await browser().newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${gateway.httpUrl}/chat/`);
    await page.fill("#login-user", "zoe");
    await page.click("#login button");
    await page.waitForFunction(() => document.getElementById("state").textContent === "open");
    await page.waitForFunction(() => document.querySelector("#members li")?.textContent === "zoe");
    assert.equal(await page.textContent("#me"), "zoe");
    assert.match(page.url(), /#user=zoe$/);
  } finally {
    await context.close();
  }
});
