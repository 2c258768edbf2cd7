import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

test("the example's service worker caches every SDK module, so the page loads offline", () => {
  const worker = readFileSync(join(ROOT, "examples/chat/sw.js"), "utf8");
  const cached = JSON.parse(worker.match(/const FILES = (\[[^\]]*\])/)[1]);
  const modules = readdirSync(join(ROOT, "src")).filter((name) => name.endsWith(".js")).map((name) => `sdk/${name}`);
  const pageFiles = readdirSync(join(ROOT, "examples/chat")).filter((name) => name !== "sw.js");
  for (const file of [...modules, ...pageFiles]) assert.ok(cached.includes(file), `${file} is not cached by sw.js`);
});
