// The system Chromium (Debian's `chromium` package), driven by playwright-core: Playwright's own
// browser downloads are not used.

import { execFileSync } from "node:child_process";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      return execFileSync("bash", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error("no Chromium found: install Debian's chromium package or set CHROMIUM_PATH");
}

/** One headless browser for the tests of a file; `browser()` gives it once started. */
export function chromiumPerFile() {
  let browser;
  before(async () => {
    // Playwright gives the browser a fresh profile of its own; without the networking flags a root
    // Chromium keeps calling home from a network that is closed.
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"],
    });
  });
  after(() => browser?.close());
  return () => browser;
}

/**
 * Waits until the page's service worker controls it. It takes control only once it has cached the
 * page's files, so only then does a reload without a network load the page.
 */
export function serviceWorkerInControl(page) {
  return page.waitForFunction(() => navigator.serviceWorker?.controller != null);
}
