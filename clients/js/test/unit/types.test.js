import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

test("the TypeScript types accept what applications write and refuse mistakes", () => {
  const tsc = spawnSync(join(ROOT, "node_modules/.bin/tsc"), ["--noEmit", "--strict", "--module", "nodenext",
    "--moduleResolution", "nodenext", "--target", "es2022", "test/types/usage.ts"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});
