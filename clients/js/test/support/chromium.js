// Finds the system Chromium (Debian's `chromium` package); playwright-core drives it by path since
// Playwright's own browser downloads are not used.

import { execFileSync } from "node:child_process";

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
